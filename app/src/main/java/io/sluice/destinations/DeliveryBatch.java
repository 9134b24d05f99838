package io.sluice.destinations;

import java.util.List;

import io.sluice.sync.SyncDefinition;

/** Records of one sync delivered in one call, never more than the destination's batch limit. */
public record DeliveryBatch(SyncDefinition sync, Operation operation, List<OutboundRecord> records) {

    /** The exchange property that holds the batch being delivered, for the destination routes and the delivery steps. */
    public static final String PROPERTY = "sluiceBatch";
    /** The exchange property that holds the id of the run delivering the batch; absent for a replay. */
    public static final String RUN_ID = "sluiceRunId";

    /**
     * The exchange property that holds, per record key, the {@code write: if_empty} fields left out of the batch
     * because the destination already had a value for them.
     */
    public static final String KEPT = "sluiceFieldsKept";

    public enum Operation { UPSERT, DELETE }

    /** The first and the second half of the records, as batches of their own; the batch must hold two or more. */
    public List<DeliveryBatch> halves() {
        int middle = records.size() / 2;
        return List.of(new DeliveryBatch(sync, operation, records.subList(0, middle)),
                new DeliveryBatch(sync, operation, records.subList(middle, records.size())));
    }
}
