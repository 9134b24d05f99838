package io.sluice.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.ThreadPoolProfile;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.delivery.CircuitBreakers;
import io.sluice.delivery.DeliveryErrorHandling;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destinations;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * Route templates, instantiated once per valid sync file: read the model streamed and write what
 * changed to the run's plan; if the plan passes the guards, deliver it in batches and commit what the
 * destination accepted. A third template fires the scheduled syncs.
 */
@Component
public class SyncRoutes extends RouteBuilder {

    static final String PIPELINE_TEMPLATE = "sync-pipeline";
    static final String APPLY_TEMPLATE = "sync-apply";
    static final String SCHEDULE_TEMPLATE = "sync-schedule";
    /** Quartz trigger group of the syncs' schedules; each trigger is named after its sync. */
    static final String SCHEDULE_GROUP = "sluice";
    /** Thread pool profiles; each sync's apply route gets its own pool from one of them. */
    static final String DELIVERY = "sluice-delivery";
    static final String DELIVERY_IN_ORDER = "sluice-delivery-in-order";

    private final SyncCatalog catalog;
    private final Destinations destinations;
    private final CircuitBreakers circuitBreakers;
    private final int batchesInFlight;

    SyncRoutes(SyncCatalog catalog, Destinations destinations, CircuitBreakers circuitBreakers,
               SluiceProperties properties) {
        this.catalog = catalog;
        this.destinations = destinations;
        this.circuitBreakers = circuitBreakers;
        this.batchesInFlight = properties.delivery().batchesInFlight();
    }

    @Override
    public void configure() {
        getContext().getExecutorServiceManager().registerThreadPoolProfile(deliveryThreads(DELIVERY, batchesInFlight));
        getContext().getExecutorServiceManager().registerThreadPoolProfile(deliveryThreads(DELIVERY_IN_ORDER, 1));

        routeTemplate(PIPELINE_TEMPLATE)
                .templateParameter("sync")
                .from("direct:sync-{{sync}}")
                .bean("modelQuery", "read").id("{{sync}}-read")
                .bean("changeDetection", "changedBatches").id("{{sync}}-diff")
                // the whole plan is written before anything is sent: the guards judge all of it
                .split(body()).streaming()
                    .setProperty(DeliveryBatch.PROPERTY, body())
                    .choice()
                        .when(method("changeDetection", "isRecordOnly"))
                            .bean("deliveryRecorder", "recordWithoutSending").id("{{sync}}-record-first-run")
                        .otherwise()
                            .bean("runPlans", "write").id("{{sync}}-plan-upserts")
                    .end()
                .end()
                .bean("changeDetection", "deletions").id("{{sync}}-mirror-plan")
                .split(body()).streaming()
                    .bean("runPlans", "write").id("{{sync}}-plan-deletes")
                .end()
                .filter(method("runPlans", "deliversNow"))
                    .to(applyEndpoint("{{sync}}")).id("{{sync}}-apply")
                .end();

        // also what an approval of a blocked run calls
        routeTemplate(APPLY_TEMPLATE)
                .templateParameter("sync")
                .templateParameter("upsertEndpoint")
                .templateParameter("deleteEndpoint")
                .templateParameter("deliveryThreads")
                .from(applyEndpoint("{{sync}}"))
                .routeConfigurationId(DeliveryErrorHandling.ID)
                // no stopOnException: it would also stop after a batch the error handler dead-lettered,
                // leaving the rest of the plan neither delivered nor kept. Each batch commits its own
                // outcomes, so batches may finish in any order; the plan goes as a whole when the run ends
                // (delivered, or failed: the next run plans again). Synchronous: an asynchronous client
                // (camel-salesforce) would otherwise free its thread before the call is answered, and the
                // pool's size would no longer bound the batches in flight.
                .split(method("runPlans", "batches")).streaming()
                    .parallelProcessing().executorService("{{deliveryThreads}}").synchronous()
                    .bean("runPlans", "open")
                    .process(circuitBreakers::admit).id("{{sync}}-admit")
                    .bean("syncMetrics", "requestSent").id("{{sync}}-count-request")
                    .choice()
                        .when(method("runPlans", "isDelete"))
                            .to("{{deleteEndpoint}}").id("{{sync}}-delete")
                        .otherwise()
                            .to("{{upsertEndpoint}}").id("{{sync}}-upsert")
                    .end()
                    .process(circuitBreakers::recordAnswer).id("{{sync}}-answered")
                    .bean("deliveryRecorder", "recordOutcomes").id("{{sync}}-commit")
                .end()
                .bean("runPlans", "applied")
                // a run stopped by a breaker or a shutdown: what it did not send is planned again next time
                .process(circuitBreakers::failIfStopped).id("{{sync}}-stopped");

        routeTemplate(SCHEDULE_TEMPLATE)
                .templateParameter("sync")
                .templateParameter("cron")
                // stateful: a run that outlasts its interval is not started again beside itself
                .from("quartz:" + SCHEDULE_GROUP + "/{{sync}}?cron={{cron}}&stateful=true")
                .setBody(constant("{{sync}}"))
                .bean("syncRunner", "runScheduled");

        for (SyncDefinition sync : catalog.valid()) {
            for (SyncRouteSet.TemplatedRoute route : SyncRouteSet.of(sync, destinations.of(sync))) {
                TemplatedRouteDefinition instance = templatedRoute(route.template()).routeId(route.routeId());
                route.parameters().forEach(instance::parameter);
            }
        }
    }

    /**
     * One thread per batch in flight. Reading the plan's next batch is itself a task queued behind the
     * deliveries, so the plan is read only as fast as batches are sent and the queue stays short; with one
     * thread, batches go out strictly one after the other, in plan order. Idle threads end, so syncs that
     * are not running hold none.
     */
    private static ThreadPoolProfile deliveryThreads(String profile, int threads) {
        return new ThreadPoolProfileBuilder(profile).poolSize(threads).maxPoolSize(threads).maxQueueSize(-1)
                .allowCoreThreadTimeOut(true).build();
    }

    /** Delivers a run's stored plan. */
    public static String applyEndpoint(String sync) {
        return "direct:apply-" + sync;
    }
}
