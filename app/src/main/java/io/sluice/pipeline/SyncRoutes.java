package io.sluice.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.springframework.stereotype.Component;

import io.sluice.delivery.DeliveryRoutes;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destinations;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * Route templates, instantiated once per valid sync file: read the model streamed and write what
 * changed to the run's plan; if the plan passes the guards, hand it to the sync's apply route
 * ({@link DeliveryRoutes}). A third template fires the scheduled syncs.
 */
@Component
class SyncRoutes extends RouteBuilder {

    static final String PIPELINE_TEMPLATE = "sync-pipeline";
    static final String SCHEDULE_TEMPLATE = "sync-schedule";
    /** Quartz trigger group of the syncs' schedules; each trigger is named after its sync. */
    static final String SCHEDULE_GROUP = "sluice";

    private final SyncCatalog catalog;
    private final Destinations destinations;

    SyncRoutes(SyncCatalog catalog, Destinations destinations) {
        this.catalog = catalog;
        this.destinations = destinations;
    }

    @Override
    public void configure() {
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
                // the plan is written: delivery, at the vendor's pace, needs no warehouse connection
                .bean("modelQuery", "release").id("{{sync}}-release-warehouse")
                .filter(method("runPlans", "deliversNow"))
                    .to(DeliveryRoutes.applyEndpoint("{{sync}}")).id("{{sync}}-apply")
                .end();

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
}
