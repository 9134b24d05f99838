package io.sluice.plan;

import java.util.Iterator;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.destinations.Destinations;
import io.sluice.runs.GuardReport;
import io.sluice.runs.GuardThresholds;
import io.sluice.runs.PlanSummary;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunRepository;
import io.sluice.state.RecordStateStore;
import io.sluice.sync.SyncDefinition;

/**
 * Route steps of "plan, then apply": the diff's batches are written to the plan, the guards judge
 * the whole plan, and only a plan that passed (or was approved) is delivered, from the plan.
 */
@Component("runPlans")
public class PlanSteps {

    private static final Logger LOG = LoggerFactory.getLogger(PlanSteps.class);

    private final PlanStore plans;
    private final RecordStateStore state;
    private final RunRepository runs;
    private final SluiceProperties.Guards guards;
    private final Destinations destinations;

    public PlanSteps(PlanStore plans, RecordStateStore state, RunRepository runs, SluiceProperties properties,
                     Destinations destinations) {
        this.plans = plans;
        this.state = state;
        this.runs = runs;
        this.guards = properties.guards();
        this.destinations = destinations;
    }

    /** Body: a {@link DeliveryBatch} of the diff. */
    public void write(Exchange exchange) {
        plans.write(run(exchange).runId(), exchange.getMessage().getBody(DeliveryBatch.class));
    }

    /**
     * Judges the written plan: true when it is to be delivered now. A guard that trips marks the run
     * blocked; a preview has no plan to deliver.
     */
    public boolean deliversNow(Exchange exchange) {
        RunContext run = run(exchange);
        if (run.dryRun()) {
            return false;
        }
        SyncDefinition sync = run.sync();
        RunContext.Plan plan = run.plan();
        boolean planned = plan.creates() + plan.updates() + plan.deletes() > 0;
        GuardThresholds limits = GuardThresholds.of(guards, sync.guards());
        boolean readsWholeModel = sync.cursor().isEmpty();
        if (!Guards.couldTrip(run.counts().read.get(), plan.updates(), plan.deletes(), limits, readsWholeModel)) {
            // the common case, no deletes or updates: not worth counting what the sync holds
            return planned;
        }
        PlanSummary summary = new PlanSummary(run.counts().read.get(), plan.creates(), plan.updates(), plan.deletes(),
                state.count(sync.name()),
                runs.lastSucceeded(sync.name()).map(last -> last.counts().read()).orElse(null));
        Optional<GuardReport> tripped = Guards.check(summary, limits, readsWholeModel);
        tripped.ifPresent(report -> {
            LOG.warn("Run {} of sync '{}' is blocked before its first write: {}", run.runId(), sync.name(),
                    report.reason());
            run.block(report);
        });
        // a run that changed nothing has nothing to read back
        return tripped.isEmpty() && planned;
    }

    /**
     * Body out: the stored plan of the run, batch by batch, sized by the destination for how much of each
     * operation the plan holds (counted from the stored plan, which an approved run also reads).
     */
    public Iterator<DeliveryBatch> batches(Exchange exchange) {
        RunContext run = run(exchange);
        SyncDefinition sync = run.sync();
        Destination destination = destinations.of(sync);
        return new PlannedBatches(plans, run.runId(), sync,
                operation -> destination.batchSize(sync, operation, plans.count(run.runId(), operation)));
    }

    /** Body: one planned {@link DeliveryBatch}, also set where the destination routes read it, with its run. */
    public void open(Exchange exchange) {
        exchange.setProperty(DeliveryBatch.PROPERTY, exchange.getMessage().getBody(DeliveryBatch.class));
        exchange.setProperty(DeliveryBatch.RUN_ID, exchange.getProperty(RunContext.PROPERTY, RunContext.class).runId());
    }

    public boolean isDelete(Exchange exchange) {
        return exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).operation()
                == DeliveryBatch.Operation.DELETE;
    }

    /** Delivered or dead-lettered (dead letters wait for a replay, not for this plan), the plan is done with. */
    public void applied(Exchange exchange) {
        plans.drop(run(exchange).runId());
    }

    private static RunContext run(Exchange exchange) {
        return exchange.getProperty(RunContext.PROPERTY, RunContext.class);
    }
}
