package io.sluice.alerts;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sluice.deadletter.DeadLetterStore;
import io.sluice.runs.Punctuality;
import io.sluice.runs.ReportNumbers;
import io.sluice.runs.RunBlocked;
import io.sluice.runs.RunFinished;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * Watches runs for the conditions a person must hear about: when a run ends (failed, rejected rows,
 * unusual row count, dead letters piling up) and on a timer between runs (late, dead letters).
 */
@Component("alertConditions")
class AlertConditions {

    static final String RUN_FAILED = "RUN_FAILED";
    static final String RUN_BLOCKED = "RUN_BLOCKED";
    static final String REJECTED_ROWS = "REJECTED_ROWS";
    static final String LATE = "LATE";
    static final String ROW_COUNT = "ROW_COUNT";
    static final String DEAD_LETTERS = "DEAD_LETTERS";

    private static final Logger LOG = LoggerFactory.getLogger(AlertConditions.class);

    private final Alerts alerts;
    private final AlertProperties properties;
    private final RunRepository runs;
    private final DeadLetterStore deadLetters;
    private final Punctuality punctuality;
    private final SyncCatalog catalog;

    AlertConditions(Alerts alerts, AlertProperties properties, RunRepository runs, DeadLetterStore deadLetters,
                    Punctuality punctuality, SyncCatalog catalog) {
        this.alerts = alerts;
        this.properties = properties;
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.punctuality = punctuality;
        this.catalog = catalog;
    }

    /** A run's outcome is recorded already: trouble with alerting is logged, never the run's failure. */
    @EventListener
    void runFinished(RunFinished finished) {
        try {
            check(finished.sync(), finished.run());
        } catch (RuntimeException e) {
            LOG.error("Alert conditions of run {} of sync '{}' could not be checked", finished.run().id(),
                    finished.sync().name(), e);
        }
    }

    /**
     * A guard stopped a run before its first write: someone must approve or discard its plan. Trouble alerting
     * is logged by the runner that publishes this, and never fails the blocked run.
     */
    @EventListener
    void runBlocked(RunBlocked blocked) {
        SyncRun run = blocked.run();
        if (AlertThresholds.of(blocked.sync(), properties).enabled()) {
            alerts.raise(run.sync(), RUN_BLOCKED, "run " + run.id() + " is blocked by the "
                    + run.blockedBy().guard() + " guard: " + run.blockedBy().reason() + "; approve or discard it");
        }
    }

    /** Between runs: called by the {@code alert-checks} timer route. */
    public void checkAll() {
        for (SyncDefinition sync : catalog.valid()) {
            try {
                AlertThresholds thresholds = AlertThresholds.of(sync, properties);
                if (thresholds.enabled()) {
                    checkLate(sync, thresholds);
                    checkDeadLetters(sync, thresholds);
                }
            } catch (RuntimeException e) {
                LOG.error("Alert conditions of sync '{}' could not be checked", sync.name(), e);
            }
        }
    }

    private void check(SyncDefinition sync, SyncRun run) {
        AlertThresholds thresholds = AlertThresholds.of(sync, properties);
        if (!thresholds.enabled()) {
            return;
        }
        String name = sync.name();
        if (run.status() == SyncRun.Status.FAILED) {
            if (thresholds.runFailed()) {
                alerts.raise(name, RUN_FAILED, "run " + run.id() + " failed: " + run.error());
            }
        } else {
            String ended = "run " + run.id() + (run.status() == SyncRun.Status.PARTIAL
                    ? " succeeded with " + run.counts().failed() + " rows rejected" : " succeeded");
            alerts.clear(name, RUN_FAILED, ended);
            alerts.clear(name, RUN_BLOCKED, ended);
            alerts.clear(name, LATE, ended);
            checkRejectedRows(sync, run, thresholds);
            checkRowCount(sync, run, thresholds);
        }
        checkDeadLetters(sync, thresholds);
    }

    private void checkRejectedRows(SyncDefinition sync, SyncRun run, AlertThresholds thresholds) {
        SyncRun.Counts counts = run.counts();
        long sent = counts.created() + counts.updated() + counts.deleted() + counts.failed();
        double rejected = sent == 0 ? 0 : 100.0 * counts.failed() / sent;
        String summary = "run " + run.id() + " had " + counts.failed() + " of " + sent + " rows rejected ("
                + ReportNumbers.percent(rejected) + ")";
        if (rejected > thresholds.rejectedRowsPercent()) {
            alerts.raise(sync.name(), REJECTED_ROWS, summary + ", more than "
                    + ReportNumbers.percent(thresholds.rejectedRowsPercent()));
        } else {
            alerts.clear(sync.name(), REJECTED_ROWS, summary);
        }
    }

    /** Compared with the successful runs before this one; a sync with fewer of them is not judged yet. */
    private void checkRowCount(SyncDefinition sync, SyncRun run, AlertThresholds thresholds) {
        // failed runs in between are skipped; a sync failing more often than not is alerted about already
        List<SyncRun> previous = runs.history(sync.name(), thresholds.rowCountRuns() * 4 + 1).stream()
                .filter(earlier -> earlier.id() < run.id() && earlier.completed())
                .limit(thresholds.rowCountRuns())
                .toList();
        if (previous.size() < thresholds.rowCountRuns()) {
            return;
        }
        double average = previous.stream().mapToLong(earlier -> earlier.counts().read()).average().orElse(0);
        if (average == 0) {
            return;
        }
        double deviation = 100.0 * Math.abs(run.counts().read() - average) / average;
        String summary = "run " + run.id() + " read " + run.counts().read() + " rows; the last " + previous.size()
                + " runs read " + ReportNumbers.number(average) + " on average (" + ReportNumbers.percent(deviation)
                + " off)";
        if (deviation > thresholds.rowCountDeviationPercent()) {
            alerts.raise(sync.name(), ROW_COUNT, summary + ", more than "
                    + ReportNumbers.percent(thresholds.rowCountDeviationPercent()));
        } else {
            alerts.clear(sync.name(), ROW_COUNT, summary);
        }
    }

    private void checkLate(SyncDefinition sync, AlertThresholds thresholds) {
        if (!thresholds.late()) {
            return;
        }
        punctuality.lateness(sync).ifPresent(late -> alerts.raise(sync.name(), LATE,
                late.lastSuccess().map(at -> "no successful run since " + at).orElse("no successful run yet")
                        + " (schedule " + sync.schedule().expression() + ")"));
    }

    private void checkDeadLetters(SyncDefinition sync, AlertThresholds thresholds) {
        long open = deadLetters.countOpen(sync.name());
        if (open > thresholds.openDeadLetters()) {
            alerts.raise(sync.name(), DEAD_LETTERS, open + " dead letters are open, more than "
                    + thresholds.openDeadLetters());
        } else {
            alerts.clear(sync.name(), DEAD_LETTERS, open + " dead letters are open");
        }
    }
}
