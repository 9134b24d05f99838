package io.sluice.destinations;

import java.util.List;

import io.sluice.sync.SyncDefinition;

/** Records of one sync delivered in one call, never more than the destination's batch limit. */
public record DeliveryBatch(SyncDefinition sync, Operation operation, List<OutboundRecord> records) {

    public enum Operation { UPSERT, DELETE }
}
