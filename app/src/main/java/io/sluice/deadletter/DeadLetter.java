package io.sluice.deadletter;

import java.time.Instant;
import java.util.Map;

import io.sluice.destinations.DeliveryBatch;

/**
 * A record Sluice could not deliver, kept with everything needed to deliver it later.
 *
 * @param payload  what was (or would have been) sent
 * @param attempts delivery attempts so far, retries and replays included
 */
public record DeadLetter(long id, String sync, Long runId, String recordKey, DeliveryBatch.Operation operation,
                         Map<String, Object> payload, String contentHash, String destinationId, String errorCode,
                         String errorMessage, boolean retryable, int attempts, Status status, Instant createdAt,
                         Instant updatedAt) {

    /** What a caller who may not read personal data sees: everything but the payload. */
    public DeadLetter withoutPayload() {
        return new DeadLetter(id, sync, runId, recordKey, operation, null, contentHash, destinationId, errorCode,
                errorMessage, retryable, attempts, status, createdAt, updatedAt);
    }

    public enum Status {
        /** Waiting for a replay or a discard. */
        OPEN,
        /** Delivered by a replay. */
        REPLAYED,
        /** Delivered by a later run, after the row changed. */
        RESOLVED,
        /** Given up by an operator; kept for audit. */
        DISCARDED
    }
}
