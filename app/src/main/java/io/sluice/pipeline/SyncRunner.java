package io.sluice.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.delivery.DeliveryRoutes;
import io.sluice.destinations.Destinations;
import io.sluice.plan.PlanStore;
import io.sluice.runs.GuardReport;
import io.sluice.runs.RunBlocked;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunCounts;
import io.sluice.runs.RunFailedException;
import io.sluice.runs.RunFinished;
import io.sluice.runs.RunLog;
import io.sluice.runs.RunNotBlockedException;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncAlreadyRunningException;
import io.sluice.runs.SyncBlockedException;
import io.sluice.runs.SyncRun;
import io.sluice.runs.UnknownRunException;
import io.sluice.state.RecordStateStore;
import io.sluice.state.Watermark;
import io.sluice.state.WatermarkStore;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * Starts runs — from the schedule, the admin API or a preview — and records how they ended. A sync
 * has at most one run in progress across every instance sharing the state store — a run holds the
 * sync's lease ({@link RunLeases}) from start to end — and none while a blocked run waits for an operator.
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
    private final PlanStore plans;
    private final RunLog runLog;
    private final ApplicationEventPublisher events;
    private final RunLeases leases;
    private final Duration shutdownTimeout;
    private final Map<Long, RunContext> inProgress = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean stopping;

    public SyncRunner(SyncCatalog catalog, RunRepository runs, WatermarkStore watermarks, ProducerTemplate producer,
                      TaskExecutor executor, Destinations destinations, RecordStateStore state, PlanStore plans,
                      RunLog runLog, ApplicationEventPublisher events, RunLeases leases,
                      SluiceProperties properties, Clock clock) {
        this.clock = clock;
        this.shutdownTimeout = properties.delivery().shutdownTimeout();
        this.catalog = catalog;
        this.runs = runs;
        this.watermarks = watermarks;
        this.producer = producer;
        this.executor = executor;
        this.destinations = destinations;
        this.state = state;
        this.plans = plans;
        this.runLog = runLog;
        this.events = events;
        this.leases = leases;
    }

    /**
     * Called by the Quartz route; a sync already running is skipped, not queued. A schedule that a reload found
     * changed starts no run from then on, though its trigger is replaced only once the sync's run ends: a
     * schedule fixed because it fires far too often stops at once.
     */
    public void runScheduled(String syncName) {
        if (catalog.scheduleOutdated(syncName)) {
            LOG.info("The schedule of sync '{}' changed; its previous schedule starts no run", syncName);
            return;
        }
        try {
            run(syncName, SyncRun.Trigger.SCHEDULE);
        } catch (SyncAlreadyRunningException e) {
            LOG.info("Sync '{}' is still running; skipping this scheduled run", syncName);
        } catch (SyncBlockedException e) {
            LOG.warn("Skipping a scheduled run: {}", e.getMessage());
        }
    }

    /** Runs in the caller's thread and returns the finished run. */
    public SyncRun run(String syncName, SyncRun.Trigger trigger) {
        SyncDefinition sync = catalog.runnable(syncName);
        long runId = begin(sync, trigger);
        return execute(sync, runId, trigger);
    }

    /** Starts a run in the background and returns its id at once. */
    public long start(String syncName, SyncRun.Trigger trigger) {
        SyncDefinition sync = catalog.runnable(syncName);
        long runId = begin(sync, trigger);
        try {
            executor.execute(() -> execute(sync, runId, trigger));
        } catch (RuntimeException e) {
            // ended before the lease goes: a RUNNING run without a lease is closed as abandoned
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

    /**
     * Delivers exactly the plan a guard blocked, in the caller's thread, whatever the warehouse holds
     * now; the run ends as any run does, and the watermark moves to where the plan read.
     */
    public SyncRun approve(long runId) {
        SyncRun blocked = blockedRun(runId);
        SyncDefinition sync = catalog.runnable(blocked.sync());
        lock(sync);
        RunContext context;
        try {
            if (!runs.leaveBlocked(runId, SyncRun.Status.RUNNING)) {
                throw new RunNotBlockedException(runs.find(runId).orElseThrow());
            }
            context = RunContext.approved(blocked, sync, runs.plannedWatermark(runId));
        } catch (RuntimeException e) {
            leases.release(sync.name());
            throw e;
        }
        LOG.info("Run {} of sync '{}' approved; delivering its plan", runId, sync.name());
        return complete(context, DeliveryRoutes.applyEndpoint(sync.name()));
    }

    /** Drops a blocked plan unsent; the sync's next run plans afresh. */
    public SyncRun discard(long runId) {
        SyncRun blocked = blockedRun(runId);
        if (!runs.leaveBlocked(runId, SyncRun.Status.DISCARDED)) {
            throw new RunNotBlockedException(runs.find(runId).orElseThrow());
        }
        plans.drop(runId);
        LOG.info("Run {} of sync '{}' discarded; its plan was not sent", runId, blocked.sync());
        return runs.find(runId).orElseThrow();
    }

    /** Whether any instance runs the sync now. */
    public boolean isRunning(String syncName) {
        return leases.isTaken(syncName);
    }

    private SyncRun blockedRun(long runId) {
        SyncRun run = runs.find(runId).orElseThrow(() -> new UnknownRunException(runId));
        if (run.status() != SyncRun.Status.BLOCKED) {
            throw new RunNotBlockedException(run);
        }
        return run;
    }

    /**
     * Does {@code change} (swapping a sync's routes) holding the sync's lease, so no run of it can start. A run
     * in progress on any instance, or one blocked with a plan awaiting approval (made by the current version), is
     * never disturbed: then nothing is done and the answer is false.
     */
    public boolean whileIdle(String syncName, Runnable change) {
        if (!leases.acquire(syncName)) {
            return false;
        }
        try {
            if (runs.blocked(syncName).isPresent()) {
                return false;
            }
            change.run();
            return true;
        } finally {
            leases.release(syncName);
        }
    }

    /**
     * A clean stop, before Camel, the executors and the databases close: runs in progress finish the
     * batches they are delivering and commit them, then end as failed; what they have not sent is planned
     * again by the next run, and no watermark moves. A run that does not get there in time (a long model
     * query) is left to the databases closing under it; its run is closed as failed later, like a crashed one.
     */
    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE) // before Camel, which stops on the same event
    void stopRuns() {
        stopping = true;
        inProgress.values().forEach(run -> run.abort("interrupted: Sluice is shutting down; the next run resumes"));
        Instant deadline = Instant.now().plus(shutdownTimeout);
        while (!inProgress.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!inProgress.isEmpty()) {
            LOG.warn("Stopping while {} run(s) still deliver; they will be closed as failed like crashed runs",
                    inProgress.size());
        }
    }

    /**
     * Called every {@code sluice.cluster.lease-renewal} on every instance: closes as failed the runs whose instance
     * stopped renewing their lease, so that a crash shows within {@code sluice.cluster.lease-duration} and one
     * renewal, whether the sync runs again or not. Each closed run is announced once, by the instance that closed it.
     */
    public void closeAbandoned() {
        leases.dropExpired();
        closed(runs.failAbandoned());
    }

    /** Sends nothing more: the run was closed as abandoned, or the instance that took the lease over runs the sync. */
    @EventListener
    void leaseLost(RunLeases.LeaseLost lost) {
        inProgress.values().stream().filter(run -> run.sync().name().equals(lost.sync()))
                .forEach(run -> run.abort(lost.reason()));
    }

    private void lock(SyncDefinition sync) {
        if (stopping) {
            throw new RunFailedException("Sluice is shutting down; no run starts now", null);
        }
        if (!leases.acquire(sync.name())) {
            throw new SyncAlreadyRunningException(sync.name());
        }
    }

    private long begin(SyncDefinition sync, SyncRun.Trigger trigger) {
        lock(sync);
        try {
            runs.blocked(sync.name()).ifPresent(blocked -> {
                throw new SyncBlockedException(blocked);
            });
            closed(runs.failAbandoned(sync.name()));
            return runs.start(sync.name(), trigger, leases.instanceId());
        } catch (RuntimeException e) {
            leases.release(sync.name());
            throw e;
        }
    }

    private SyncRun execute(SyncDefinition sync, long runId, SyncRun.Trigger trigger) {
        boolean recordOnly = trigger == SyncRun.Trigger.BASELINE || isSilentFirstRun(sync);
        RunContext context = new RunContext(runId, sync, false, startingWatermark(sync), recordOnly);
        if (sync.keepsWatermark() && sync.cursor().isEmpty()) {
            // {{ last_sync_timestamp }} without a cursor: rows changed while this run reads are read again next time
            context.observeCursor(LocalDateTime.now(clock));
        }
        runLog.started(runId, sync, trigger);
        return complete(context, "direct:sync-" + sync.name());
    }

    /** Sends the run through {@code endpoint}, records how it ended, releases the sync and announces the end. */
    private SyncRun complete(RunContext context, String endpoint) {
        SyncDefinition sync = context.sync();
        long runId = context.runId();
        inProgress.put(runId, context);
        boolean recorded;
        try {
            Exchange exchange = producer.send(endpoint, e -> e.setProperty(RunContext.PROPERTY, context));
            SyncRun.Counts counts = context.counts().snapshot();
            Optional<GuardReport> guard = context.blockedBy();
            if (exchange.getException() != null) {
                recorded = fail(runId, counts, describe(exchange.getException()));
            } else if (guard.isPresent()) {
                // the plan stays; the watermark stays where it was until the plan is delivered
                recorded = runs.block(runId, counts, guard.get(), context.highestCursorValue().map(Watermark::of));
            } else {
                // every row up to here is delivered or dead-lettered: the next run may start past it
                if (sync.keepsWatermark()) {
                    context.highestCursorValue()
                            .ifPresent(value -> watermarks.advance(sync.name(), Watermark.of(value), runId));
                }
                SyncRun.Status outcome = context.counts().outcome();
                recorded = outcome == SyncRun.Status.FAILED
                        ? fail(runId, counts, context.counts().refusedAll())
                        : runs.finish(runId, outcome, counts, null);
            }
        } catch (RuntimeException e) {
            LOG.error("Run {} of sync '{}' failed", runId, sync.name(), e);
            recorded = fail(runId, context.counts().snapshot(), describe(e));
        } finally {
            inProgress.remove(runId);
            leases.release(sync.name());
        }
        SyncRun run = runs.find(runId).orElseThrow();
        if (!recorded) {
            // its lease expired under it (a long pause) and it was closed as abandoned, and announced, meanwhile
            plans.drop(runId);
            LOG.warn("Run {} of sync '{}' had been closed as failed while this instance was not renewing its lease: "
                    + "{}", runId, sync.name(), run.error());
            return run;
        }
        return announce(sync, run);
    }

    /**
     * A blocked run is alerted about; one that ended is logged with its counts and published for metrics and
     * alerts.
     */
    private SyncRun announce(SyncDefinition sync, SyncRun run) {
        if (run.status() == SyncRun.Status.BLOCKED) {
            alert(sync, run);
        } else {
            runLog.finished(sync, run);
            events.publishEvent(new RunFinished(sync, run));
        }
        return run;
    }

    /** A closed run's plan will never be delivered: the next run diffs again against what was committed. */
    private void closed(List<SyncRun> abandoned) {
        if (abandoned.isEmpty()) {
            return;
        }
        plans.dropFailed();
        for (SyncRun run : abandoned) {
            catalog.active(run.sync()).ifPresentOrElse(sync -> announce(sync, run),
                    () -> LOG.warn("Run {} of sync '{}', which no longer runs here, was closed as failed: {}",
                            run.id(), run.sync(), run.error()));
        }
    }

    /** An alert that cannot be sent must not turn the blocked run into a failed one and lose its plan. */
    private void alert(SyncDefinition sync, SyncRun blocked) {
        try {
            events.publishEvent(new RunBlocked(sync, blocked));
        } catch (RuntimeException e) {
            LOG.error("Run {} of sync '{}' is blocked, but alerting about it failed", blocked.id(), blocked.sync(), e);
        }
    }

    /**
     * A failed run's plan is not kept: the next run diffs again against what was committed.
     *
     * @return as {@link RunRepository#finish}
     */
    private boolean fail(long runId, SyncRun.Counts counts, String reason) {
        boolean recorded = runs.finish(runId, SyncRun.Status.FAILED, counts, reason);
        plans.drop(runId);
        return recorded;
    }

    private boolean isSilentFirstRun(SyncDefinition sync) {
        return !destinations.of(sync).sendsFirstRun(sync) && state.count(sync.name()) == 0;
    }

    private Optional<Watermark> startingWatermark(SyncDefinition sync) {
        return sync.keepsWatermark() ? watermarks.find(sync.name()) : Optional.empty();
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
