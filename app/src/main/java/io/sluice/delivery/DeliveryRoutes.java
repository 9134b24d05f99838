package io.sluice.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.sync.SyncDefinition;

/**
 * The route template that delivers a run's stored plan, instantiated once per sync beside its read-and-plan
 * route: batch by batch, each admitted by its destination's circuit breaker, sent to the destination's
 * endpoint and committed by the commit step. Also what an approval of a blocked run calls.
 */
@Component
public class DeliveryRoutes extends RouteBuilder {

    public static final String APPLY_TEMPLATE = "sync-apply";
    /** Thread pool profiles; each sync's apply route gets its own pool from one of them. */
    private static final String DELIVERY = "sluice-delivery";
    private static final String DELIVERY_IN_ORDER = "sluice-delivery-in-order";

    private final CircuitBreakers circuitBreakers;
    private final int batchesInFlight;

    DeliveryRoutes(CircuitBreakers circuitBreakers, SluiceProperties properties) {
        this.circuitBreakers = circuitBreakers;
        this.batchesInFlight = properties.delivery().batchesInFlight();
    }

    /** Delivers a run's stored plan. */
    public static String applyEndpoint(String sync) {
        return "direct:apply-" + sync;
    }

    /** The apply template's parameters for one sync. */
    public static Map<String, String> applyParameters(SyncDefinition sync, Destination destination) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("sync", sync.name());
        parameters.put("upsertEndpoint", destination.endpoint(DeliveryBatch.Operation.UPSERT));
        parameters.put("deleteEndpoint", destination.endpoint(DeliveryBatch.Operation.DELETE));
        parameters.put("deliveryThreads", destination.keepsOrder() ? DELIVERY_IN_ORDER : DELIVERY);
        return parameters;
    }

    @Override
    public void configure() {
        getContext().getExecutorServiceManager().registerThreadPoolProfile(deliveryThreads(DELIVERY, batchesInFlight));
        getContext().getExecutorServiceManager().registerThreadPoolProfile(deliveryThreads(DELIVERY_IN_ORDER, 1));

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
                            .bean("fieldsKept", "keep").id("{{sync}}-keep")
                            .to("{{upsertEndpoint}}").id("{{sync}}-upsert")
                    .end()
                    .process(circuitBreakers::recordAnswer).id("{{sync}}-answered")
                    .bean("deliveryRecorder", "recordOutcomes").id("{{sync}}-commit")
                .end()
                .bean("runPlans", "applied")
                // a run stopped by a breaker or a shutdown: what it did not send is planned again next time
                .process(circuitBreakers::failIfStopped).id("{{sync}}-stopped");
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
}
