package io.sluice.runs;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one run, updated as rows stream through and batches come back. */
public final class RunCounts {

    public final AtomicLong read = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    public final AtomicLong unchanged = new AtomicLong();
    public final AtomicLong created = new AtomicLong();
    public final AtomicLong updated = new AtomicLong();
    public final AtomicLong deleted = new AtomicLong();
    public final AtomicLong failed = new AtomicLong();
    public final AtomicLong deadLettered = new AtomicLong();
    /**
     * Of {@code failed}, the records the destination refused or could not take, as opposed to rows refused before
     * sending (no record key): not reported on its own, it decides how the run ended.
     */
    public final AtomicLong refused = new AtomicLong();
    /** Records a processor dropped: read, never sent, not an error. */
    public final AtomicLong filtered = new AtomicLong();
    /** Fields of records sent that were left out because the destination held a value ({@code write: if_empty}). */
    public final AtomicLong fieldsKept = new AtomicLong();
    /**
     * What the destination said when it last refused a batch as a whole (credentials refused, an object that does not
     * exist): when it refused everything, that is why the run failed.
     */
    public final AtomicReference<String> batchRefusal = new AtomicReference<>();

    /** Goes on from the counts a blocked run recorded: an approved run reports its read and its delivery. */
    void resume(SyncRun.Counts counts) {
        read.set(counts.read());
        duplicates.set(counts.duplicates());
        unchanged.set(counts.unchanged());
        created.set(counts.created());
        updated.set(counts.updated());
        deleted.set(counts.deleted());
        failed.set(counts.failed());
        deadLettered.set(counts.deadLettered());
        filtered.set(counts.filtered());
        fieldsKept.set(counts.fieldsKept());
    }

    /** How a run that got to its end ended: SUCCEEDED, PARTIAL when some records sent were refused, FAILED when all. */
    public SyncRun.Status outcome() {
        if (refused.get() == 0) {
            return SyncRun.Status.SUCCEEDED;
        }
        return created.get() + updated.get() + deleted.get() == 0 ? SyncRun.Status.FAILED : SyncRun.Status.PARTIAL;
    }

    /** Why a run whose every record sent was refused failed; see its dead letters for each refusal. */
    public String refusedAll() {
        String said = batchRefusal.get();
        return "the destination refused all " + refused.get() + " records it was sent; "
                + (said == null ? "their dead letters say why" : "it said: " + said);
    }

    public SyncRun.Counts snapshot() {
        return new SyncRun.Counts(read.get(), duplicates.get(), unchanged.get(), created.get(), updated.get(),
                deleted.get(), failed.get(), deadLettered.get(), filtered.get(), fieldsKept.get());
    }
}
