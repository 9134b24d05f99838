package io.sluice.runs;

import java.time.Instant;

/**
 * One run of a sync as recorded in the state store.
 *
 * @param instance the Sluice instance that ran it ({@code sluice.cluster.instance-id})
 */
public record SyncRun(long id, String sync, Trigger trigger, Status status, Instant startedAt, Instant endedAt,
                      Counts counts, String error, String instance) {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    public enum Trigger {
        SCHEDULE,
        MANUAL,
        /** Records what the model holds now as delivered, sending nothing: for a destination already in step. */
        BASELINE
    }

    public record Counts(long read, long duplicates, long unchanged, long created, long updated, long deleted,
                         long failed, long deadLettered) {
    }
}
