package io.sluice.routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.Destination;
import io.sluice.destinations.Destinations;
import io.sluice.processors.DeliveryRecorder;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * One route template, instantiated once per valid sync file: read the model streamed, keep what
 * changed, deliver it in batches, commit what the destination accepted. A second template fires the
 * scheduled syncs.
 */
@Component
class SyncRoutes extends RouteBuilder {

    static final String PIPELINE_TEMPLATE = "sync-pipeline";
    static final String SCHEDULE_TEMPLATE = "sync-schedule";
    /** Quartz trigger group of the syncs' schedules; each trigger is named after its sync. */
    static final String SCHEDULE_GROUP = "sluice";

    private final SyncCatalog catalog;
    private final Destinations destinations;
    private final SluiceProperties properties;

    SyncRoutes(SyncCatalog catalog, Destinations destinations, SluiceProperties properties) {
        this.catalog = catalog;
        this.destinations = destinations;
        this.properties = properties;
    }

    @Override
    public void configure() {
        routeTemplate(PIPELINE_TEMPLATE)
                .templateParameter("sync")
                .templateParameter("upsertEndpoint")
                .templateParameter("deleteEndpoint")
                .from("direct:sync-{{sync}}")
                .routeConfigurationId(DeliveryErrorHandling.ID)
                .bean("modelQuery", "prepare").id("{{sync}}-model-query")
                .to(warehouseReadUri()).id("{{sync}}-read")
                .bean("changeDetection", "changedBatches").id("{{sync}}-diff")
                // no stopOnException: it would also stop after a batch the error handler dead-lettered,
                // leaving rows already read (and past the watermark) neither delivered nor kept
                .split(body()).streaming()
                    .setProperty(DeliveryRecorder.BATCH, body())
                    .choice()
                        .when(method("changeDetection", "isRecordOnly"))
                            .bean("deliveryRecorder", "recordWithoutSending").id("{{sync}}-record-first-run")
                        .otherwise()
                            .to("{{upsertEndpoint}}").id("{{sync}}-upsert")
                            .bean("deliveryRecorder", "recordOutcomes").id("{{sync}}-commit-upserts")
                    .end()
                .end()
                .bean("changeDetection", "deletions").id("{{sync}}-mirror-plan")
                .split(body()).streaming()
                    .setProperty(DeliveryRecorder.BATCH, body())
                    .to("{{deleteEndpoint}}").id("{{sync}}-delete")
                    .bean("deliveryRecorder", "recordOutcomes").id("{{sync}}-commit-deletes")
                .end();

        routeTemplate(SCHEDULE_TEMPLATE)
                .templateParameter("sync")
                .templateParameter("cron")
                // stateful: a run that outlasts its interval is not started again beside itself
                .from("quartz:" + SCHEDULE_GROUP + "/{{sync}}?cron={{cron}}&stateful=true")
                .setBody(constant("{{sync}}"))
                .bean("syncRunner", "runScheduled");

        for (SyncDefinition sync : catalog.valid()) {
            Destination destination = destinations.of(sync);
            templatedRoute(PIPELINE_TEMPLATE)
                    .routeId("sync-" + sync.name())
                    .parameter("sync", sync.name())
                    .parameter("upsertEndpoint", destination.upsertEndpoint())
                    .parameter("deleteEndpoint", destination.deleteEndpoint());
            if (!sync.schedule().isManual()) {
                templatedRoute(SCHEDULE_TEMPLATE)
                        .routeId("schedule-" + sync.name())
                        .parameter("sync", sync.name())
                        .parameter("cron", sync.schedule().cron().replace(' ', '+'));
            }
        }
    }

    /**
     * camel-jdbc streaming: the connection is used as the pool hands it out (autocommit off), so the
     * driver fetches {@code fetchSize} rows at a time and the connection stays open until the run's
     * exchange completes.
     */
    private String warehouseReadUri() {
        SluiceProperties.Read read = properties.read();
        return "jdbc:warehouseDataSource?outputType=StreamList&resetAutoCommit=false&useHeadersAsParameters=true"
                + "&statement.fetchSize=" + read.fetchSize()
                + "&statement.queryTimeout=" + Math.max(1, read.queryTimeout().toSeconds());
    }
}
