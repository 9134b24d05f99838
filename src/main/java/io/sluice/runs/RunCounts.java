package io.sluice.runs;

import java.util.concurrent.atomic.AtomicLong;

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

    public SyncRun.Counts snapshot() {
        return new SyncRun.Counts(read.get(), duplicates.get(), unchanged.get(), created.get(), updated.get(),
                deleted.get(), failed.get(), deadLettered.get());
    }
}
