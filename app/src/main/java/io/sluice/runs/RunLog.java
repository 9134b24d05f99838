package io.sluice.runs;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;

import io.sluice.sync.SyncDefinition;

/**
 * One log line when a run starts, one when it ends and one every {@code sluice.logging.progress-every}
 * rows in between, when the run's counts so far are stored too. The counts travel as key-value pairs, so structured logging
 * ({@code logging.structured.format.console}) writes them as JSON fields a log search can filter on.
 */
@Component
public class RunLog {

    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    private final long progressEvery;
    private final RunRepository runs;

    RunLog(RunLogProperties properties, RunRepository runs) {
        this.progressEvery = properties.progressEvery();
        this.runs = runs;
    }

    public void started(long runId, SyncDefinition sync, SyncRun.Trigger trigger) {
        LOG.atInfo().setMessage("Run {} of sync '{}' started").addArgument(runId).addArgument(sync.name())
                .addKeyValue("event", "run_started")
                .addKeyValue("sync", sync.name())
                .addKeyValue("destination", sync.destination())
                .addKeyValue("run_id", runId)
                .addKeyValue("trigger", trigger.name())
                .log();
    }

    /**
     * Rows are counted a chunk at a time: whenever the count passes a multiple of progress-every, a line, and the
     * counts so far stored with the run.
     */
    public void rowsRead(RunContext run, long before, long rowsRead) {
        if (rowsRead / progressEvery == before / progressEvery || run.dryRun()) {
            return;
        }
        SyncRun.Counts counts = run.counts().snapshot();
        runs.progress(run.runId(), counts);
        withCounts(LOG.atInfo(), "run_progress", run.runId(), run.sync(), counts)
                .setMessage("Run {} of sync '{}' has read {} rows")
                .addArgument(run.runId()).addArgument(run.sync().name()).addArgument(rowsRead)
                .log();
    }

    public void finished(SyncDefinition sync, SyncRun run) {
        boolean succeeded = run.completed();
        LoggingEventBuilder level = run.status() == SyncRun.Status.SUCCEEDED ? LOG.atInfo()
                : succeeded ? LOG.atWarn() : LOG.atError();
        LoggingEventBuilder line = withCounts(level, "run_finished", run.id(), sync,
                run.counts())
                .addKeyValue("status", run.status().name())
                .addKeyValue("duration_ms", Duration.between(run.startedAt(), run.endedAt()).toMillis());
        if (succeeded) {
            line.setMessage("Run {} of sync '{}' succeeded{}: {}")
                    .addArgument(run.id()).addArgument(sync.name())
                    .addArgument(succeeded && run.status() == SyncRun.Status.PARTIAL ? ", some records refused" : "")
                    .addArgument(run.counts()).log();
        } else {
            line.addKeyValue("error", run.error())
                    .setMessage("Run {} of sync '{}' failed: {} ({})")
                    .addArgument(run.id()).addArgument(sync.name()).addArgument(run.error()).addArgument(run.counts())
                    .log();
        }
    }

    private static LoggingEventBuilder withCounts(LoggingEventBuilder line, String event, long runId, SyncDefinition sync,
                                                  SyncRun.Counts counts) {
        return line.addKeyValue("event", event)
                .addKeyValue("sync", sync.name())
                .addKeyValue("destination", sync.destination())
                .addKeyValue("run_id", runId)
                .addKeyValue("rows_read", counts.read())
                .addKeyValue("duplicates", counts.duplicates())
                .addKeyValue("unchanged", counts.unchanged())
                .addKeyValue("created", counts.created())
                .addKeyValue("updated", counts.updated())
                .addKeyValue("deleted", counts.deleted())
                .addKeyValue("failed", counts.failed())
                .addKeyValue("dead_lettered", counts.deadLettered())
                .addKeyValue("filtered", counts.filtered())
                .addKeyValue("fields_kept", counts.fieldsKept());
    }
}
