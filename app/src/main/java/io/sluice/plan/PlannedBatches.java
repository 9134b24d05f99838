package io.sluice.plan;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.sync.SyncDefinition;

/** A stored plan read back one delivery batch at a time: every upsert, then every delete. */
final class PlannedBatches implements Iterator<DeliveryBatch> {

    private final PlanStore store;
    private final long runId;
    private final SyncDefinition sync;
    private final int batchSize;
    private final Iterator<DeliveryBatch.Operation> operations = List.of(DeliveryBatch.Operation.UPSERT,
            DeliveryBatch.Operation.DELETE).iterator();
    private DeliveryBatch.Operation operation = operations.next();
    private long afterId;
    private List<PlanStore.Planned> page = List.of();

    PlannedBatches(PlanStore store, long runId, SyncDefinition sync, int batchSize) {
        this.store = store;
        this.runId = runId;
        this.sync = sync;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty()) {
            page = store.next(runId, operation, afterId, batchSize);
            if (page.isEmpty()) {
                if (!operations.hasNext()) {
                    return false;
                }
                operation = operations.next();
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
