package io.sluice.runs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.sluice.destinations.OutboundRecord;
import io.sluice.state.Watermark;
import io.sluice.sync.SyncDefinition;

/**
 * What one run carries from the read to the last delivery. Every run counts its plan; a dry run
 * (preview) only collects it.
 */
public final class RunContext {

    public static final String PROPERTY = "sluiceRun";
    /** How many records of each kind a preview returns in full. */
    static final int PREVIEW_SAMPLE = 20;

    private final long runId;
    private final SyncDefinition sync;
    private final boolean dryRun;
    private final Optional<Watermark> startingWatermark;
    private final boolean recordOnly;
    private final RunCounts counts = new RunCounts();
    private final Plan plan = new Plan();
    private volatile Object highestCursorValue;
    private volatile GuardReport blockedBy;
    private volatile String abortReason;

    /**
     * @param recordOnly commit what the run reads as delivered without sending it (a first run to a
     *                   destination that would otherwise post one notification per existing row)
     */
    public RunContext(long runId, SyncDefinition sync, boolean dryRun, Optional<Watermark> startingWatermark,
                      boolean recordOnly) {
        this.runId = runId;
        this.sync = sync;
        this.dryRun = dryRun;
        this.startingWatermark = startingWatermark;
        this.recordOnly = recordOnly;
    }

    /**
     * The context of a blocked run an operator approved: it goes on from the counts the run recorded, and
     * its watermark moves to where its plan read.
     */
    public static RunContext approved(SyncRun blocked, SyncDefinition sync, Optional<Watermark> plannedWatermark) {
        RunContext context = new RunContext(blocked.id(), sync, false, Optional.empty(), false);
        context.counts.resume(blocked.counts());
        plannedWatermark.ifPresent(planned -> context.observeCursor(planned.sqlValue()));
        return context;
    }

    public long runId() {
        return runId;
    }

    public SyncDefinition sync() {
        return sync;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean recordOnly() {
        return recordOnly;
    }

    public Optional<Watermark> startingWatermark() {
        return startingWatermark;
    }

    public RunCounts counts() {
        return counts;
    }

    public Plan plan() {
        return plan;
    }

    public void observeCursor(Object value) {
        if (Watermark.isAfter(value, highestCursorValue)) {
            highestCursorValue = value;
        }
    }

    public Optional<Object> highestCursorValue() {
        return Optional.ofNullable(highestCursorValue);
    }

    /** A guard tripped on the plan: the run sends nothing and waits for an operator. */
    public void block(GuardReport report) {
        blockedBy = report;
    }

    public Optional<GuardReport> blockedBy() {
        return Optional.ofNullable(blockedBy);
    }

    /**
     * Stops the run before its next batch: nothing more is sent, and the run ends as failed with
     * this reason. What it has not sent stays undelivered for the next run, not dead-lettered.
     */
    public void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
    }

    public Optional<String> abortReason() {
        return Optional.ofNullable(abortReason);
    }

    /** What a run sends: counts of each kind, which the guards judge, and the first records of each. */
    public static final class Plan {
        private long creates;
        private long updates;
        private long deletes;
        private final List<OutboundRecord> sampleCreates = new ArrayList<>();
        private final List<OutboundRecord> sampleUpdates = new ArrayList<>();
        private final List<OutboundRecord> sampleDeletes = new ArrayList<>();

        public synchronized void create(OutboundRecord record) {
            creates++;
            addSample(sampleCreates, record);
        }

        public synchronized void update(OutboundRecord record) {
            updates++;
            addSample(sampleUpdates, record);
        }

        public synchronized void delete(OutboundRecord record) {
            deletes++;
            addSample(sampleDeletes, record);
        }

        private static void addSample(List<OutboundRecord> sample, OutboundRecord record) {
            if (sample.size() < PREVIEW_SAMPLE) {
                sample.add(record);
            }
        }

        public synchronized long creates() {
            return creates;
        }

        public synchronized long updates() {
            return updates;
        }

        public synchronized long deletes() {
            return deletes;
        }

        public synchronized List<OutboundRecord> sampleCreates() {
            return Collections.unmodifiableList(new ArrayList<>(sampleCreates));
        }

        public synchronized List<OutboundRecord> sampleUpdates() {
            return Collections.unmodifiableList(new ArrayList<>(sampleUpdates));
        }

        public synchronized List<OutboundRecord> sampleDeletes() {
            return Collections.unmodifiableList(new ArrayList<>(sampleDeletes));
        }
    }
}
