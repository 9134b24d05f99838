package io.sluice.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one run did to one record: the row-level audit.
 *
 * @param destinationId the id the destination returned (or, for a delete, the one deleted)
 * @param payload       what was sent (nothing for a skipped record)
 * @param error         the destination's code and message, when it refused the record
 * @param keptFields    {@code write: if_empty} fields left out of the payload: the destination held a value
 */
public record RunRecord(long runId, String sync, String recordKey, Operation operation, String destinationId,
                        Map<String, Object> payload, Status status, String error, Instant createdAt,
                        List<String> keptFields) {

    /** What a caller who may not read personal data sees: everything but the payload. */
    public RunRecord withoutPayload() {
        return new RunRecord(runId, sync, recordKey, operation, destinationId, null, status, error, createdAt,
                keptFields);
    }

    public enum Operation {
        CREATE, UPDATE, DELETE,
        /** Recorded as delivered without sending: a baseline, or a first run that must not notify. */
        SKIP;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Status {
        DELIVERED,
        /** The destination refused this record; it is kept as a dead letter. */
        FAILED,
        /** The call carrying it failed as a whole after its retries; it is kept as a dead letter. */
        DEAD_LETTERED,
        SKIPPED;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
