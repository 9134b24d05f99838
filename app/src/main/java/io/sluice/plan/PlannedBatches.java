package io.sluice.plan;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.ToIntFunction;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.sync.SyncDefinition;

/** A stored plan read back one delivery batch at a time: every upsert, then every delete. */
final class PlannedBatches implements Iterator<DeliveryBatch> {

    private final PlanStore store;
    private final long runId;
    private final SyncDefinition sync;
    private final ToIntFunction<DeliveryBatch.Operation> batchSize;
    private final Iterator<DeliveryBatch.Operation> operations = List.of(DeliveryBatch.Operation.UPSERT,
            DeliveryBatch.Operation.DELETE).iterator();
    private DeliveryBatch.Operation operation = operations.next();
    private long afterId;
    private int operationBatchSize;
    private List<PlanStore.Planned> page = List.of();

    /** @param batchSize records per batch of each operation, asked once the plan reaches it */
    PlannedBatches(PlanStore store, long runId, SyncDefinition sync, ToIntFunction<DeliveryBatch.Operation> batchSize) {
        this.store = store;
        this.runId = runId;
        this.sync = sync;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty()) {
            if (operationBatchSize == 0) {
                operationBatchSize = batchSize.applyAsInt(operation);
            }
            page = store.next(runId, operation, afterId, operationBatchSize);
            if (page.isEmpty()) {
                if (!operations.hasNext()) {
                    return false;
                }
                operation = operations.next();
                operationBatchSize = 0;
                afterId = 0;
            }
        }
        return true;
    }

    @Override
    public DeliveryBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<PlanStore.Planned> records = page;
        page = List.of();
        afterId = records.get(records.size() - 1).id();
        return new DeliveryBatch(sync, operation, records.stream().map(PlanStore.Planned::record).toList());
    }
}
