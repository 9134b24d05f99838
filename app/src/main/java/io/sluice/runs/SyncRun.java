package io.sluice.runs;

import java.time.Instant;

/**
 * One run of a sync as recorded in the state store.
 *
 * @param blockedBy the guard that stopped the run before its first write, if one did (kept after an
 *                  approval or a discard, for the record)
 * @param instance  the Sluice instance that ran it ({@code sluice.cluster.instance-id})
 */
public record SyncRun(long id, String sync, Trigger trigger, Status status, Instant startedAt, Instant endedAt,
                      Counts counts, String error, GuardReport blockedBy, String instance) {

    public enum Status {
        RUNNING,
        /** Every record sent was accepted. */
        SUCCEEDED,
        /** Some records sent were refused (they are dead letters), the others accepted. */
        PARTIAL,
        /** The run could not finish, or the destination refused every record it was sent. */
        FAILED,
        /** A guard tripped: the plan is kept, nothing was sent, an operator approves or discards it. */
        BLOCKED,
        /** An operator discarded the blocked plan. */
        DISCARDED
    }

    public enum Trigger {
        SCHEDULE,
        MANUAL,
        /** Records what the model holds now as delivered, sending nothing: for a destination already in step. */
        BASELINE
    }

    /** A run that finished its work, whether or not the destination refused some records. */
    public boolean completed() {
        return status == Status.SUCCEEDED || status == Status.PARTIAL;
    }

    /** @param fieldsKept fields left out of records sent because the destination held a value ({@code if_empty}) */
    public record Counts(long read, long duplicates, long unchanged, long created, long updated, long deleted,
                         long failed, long deadLettered, long filtered, long fieldsKept) {
    }
}
