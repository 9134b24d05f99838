package io.sluice.destinations;

/**
 * A kind of system Sluice writes to. Each destination contributes two Camel routes: one that
 * upserts a {@link DeliveryBatch} and answers one {@link RecordOutcome} per record in input order,
 * and one that deletes a batch by destination ids. Whole-batch failures are thrown as
 * {@link DeliveryException}, telling transient from permanent.
 */
public interface Destination {

    /** As written in a sync file's {@code destination} field. */
    String name();

    /** Most records the vendor accepts in one call. */
    int maxBatchSize();

    /** Object written when a sync file names none. */
    String defaultObject();

    default String upsertEndpoint() {
        return "direct:" + name() + "-upsert";
    }

    default String deleteEndpoint() {
        return "direct:" + name() + "-delete";
    }
}
