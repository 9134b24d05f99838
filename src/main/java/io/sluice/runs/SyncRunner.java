package io.sluice.runs;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import io.sluice.destinations.Destinations;
import io.sluice.state.RecordStateStore;
import io.sluice.state.Watermark;
import io.sluice.state.WatermarkStore;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * Starts runs — from the schedule, the admin API or a preview — and records how they ended. A sync
 * has at most one run in progress across every instance sharing the state store: a run holds the
 * sync's lease ({@link RunLeases}) from start to end.
 */
@Component("syncRunner")
public class SyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final SyncCatalog catalog;
    private final RunRepository runs;
    private final WatermarkStore watermarks;
    private final ProducerTemplate producer;
    private final TaskExecutor executor;
    private final Destinations destinations;
    private final RecordStateStore state;
    private final RunLeases leases;

    public SyncRunner(SyncCatalog catalog, RunRepository runs, WatermarkStore watermarks, ProducerTemplate producer,
                      TaskExecutor executor, Destinations destinations, RecordStateStore state, RunLeases leases) {
        this.catalog = catalog;
        this.runs = runs;
        this.watermarks = watermarks;
        this.producer = producer;
        this.executor = executor;
        this.destinations = destinations;
        this.state = state;
        this.leases = leases;
        closeAbandoned(runs.failAbandoned());
    }

    /** Called by the Quartz route; a sync already running is skipped, not queued. */
    public void runScheduled(String syncName) {
        try {
            run(syncName, SyncRun.Trigger.SCHEDULE);
        } catch (SyncAlreadyRunningException e) {
            LOG.info("Sync '{}' is still running; skipping this scheduled run", syncName);
        }
    }

    /** Runs in the caller's thread and returns the finished run. */
    public SyncRun run(String syncName, SyncRun.Trigger trigger) {
        SyncDefinition sync = catalog.runnable(syncName);
        long runId = begin(sync, trigger);
        execute(sync, runId, trigger);
        return runs.find(runId).orElseThrow();
    }

    /** Starts a run in the background and returns its id at once. */
    public long start(String syncName, SyncRun.Trigger trigger) {
        SyncDefinition sync = catalog.runnable(syncName);
        long runId = begin(sync, trigger);
        try {
            executor.execute(() -> execute(sync, runId, trigger));
        } catch (RuntimeException e) {
            runs.finish(runId, SyncRun.Status.FAILED, new RunCounts().snapshot(), "could not start: " + e.getMessage());
            leases.release(sync.name());
            throw e;
        }
        return runId;
    }

    /** What a run would do now, sending nothing and committing nothing. */
    public RunContext preview(String syncName) {
        SyncDefinition sync = catalog.runnable(syncName);
        RunContext context = new RunContext(0, sync, true, startingWatermark(sync), false);
        Exchange exchange = producer.send("direct:sync-" + sync.name(),
                e -> e.setProperty(RunContext.PROPERTY, context));
        if (exchange.getException() != null) {
            throw new RunFailedException(describe(exchange.getException()), exchange.getException());
        }
        return context;
    }

    /** Whether any instance runs the sync now. */
    public boolean isRunning(String syncName) {
        return leases.isTaken(syncName);
    }

    private long begin(SyncDefinition sync, SyncRun.Trigger trigger) {
        if (!leases.acquire(sync.name())) {
            throw new SyncAlreadyRunningException(sync.name());
        }
        try {
            closeAbandoned(runs.failAbandoned(sync.name()));
            return runs.start(sync.name(), trigger, leases.instanceId());
        } catch (RuntimeException e) {
            leases.release(sync.name());
            throw e;
        }
    }

    private static void closeAbandoned(int abandoned) {
        if (abandoned > 0) {
            LOG.warn("Closed {} run(s) left in progress by a Sluice instance that stopped as failed", abandoned);
        }
    }

    private void execute(SyncDefinition sync, long runId, SyncRun.Trigger trigger) {
        boolean recordOnly = trigger == SyncRun.Trigger.BASELINE || isSilentFirstRun(sync);
        RunContext context = new RunContext(runId, sync, false, startingWatermark(sync), recordOnly);
        try {
            LOG.info("Run {} of sync '{}' started", runId, sync.name());
            Exchange exchange = producer.send("direct:sync-" + sync.name(),
                    e -> e.setProperty(RunContext.PROPERTY, context));
            SyncRun.Counts counts = context.counts().snapshot();
            if (exchange.getException() != null) {
                String reason = describe(exchange.getException());
                LOG.error("Run {} of sync '{}' failed: {} ({})", runId, sync.name(), reason, counts);
                runs.finish(runId, SyncRun.Status.FAILED, counts, reason);
                return;
            }
            // every row up to here is delivered or dead-lettered: the next run may start past it
            if (sync.cursor().isPresent()) {
                context.highestCursorValue().ifPresent(value -> watermarks.advance(sync.name(), Watermark.of(value), runId));
            }
            runs.finish(runId, SyncRun.Status.SUCCEEDED, counts, null);
            LOG.info("Run {} of sync '{}' succeeded: {}", runId, sync.name(), counts);
        } catch (RuntimeException e) {
            LOG.error("Run {} of sync '{}' failed", runId, sync.name(), e);
            runs.finish(runId, SyncRun.Status.FAILED, context.counts().snapshot(), describe(e));
        } finally {
            leases.release(sync.name());
        }
    }

    private boolean isSilentFirstRun(SyncDefinition sync) {
        return !destinations.of(sync).sendsFirstRun(sync) && state.count(sync.name()) == 0;
    }

    private Optional<Watermark> startingWatermark(SyncDefinition sync) {
        return sync.cursor().isPresent() ? watermarks.find(sync.name()) : Optional.empty();
    }

    /** The innermost message is usually the database's or the vendor's own words. */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
