package io.sluice.destinations.salesforce;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.RateLimit;

/**
 * The two calls Sluice makes to Salesforce, through camel-salesforce's {@code raw} operation: sync
 * files name fields only known at run time, so requests are JSON built from the mapping rather than
 * generated sObject classes. Both pass one throttle, so every sync together keeps to
 * {@code sluice.salesforce.rate-limit}. Retries are not decided here but by the calling sync route.
 */
@Component
class SalesforceRoutes extends RouteBuilder {

    private static final String CALL = "salesforce-call";

    private final SalesforceDestination destination;
    private final SalesforceCollections collections;
    private final RateLimit rateLimit;
    private final SluiceProperties.Delivery delivery;

    SalesforceRoutes(SalesforceDestination destination, SalesforceCollections collections,
                     SalesforceProperties properties, SluiceProperties sluice) {
        this.destination = destination;
        this.collections = collections;
        this.rateLimit = properties.rateLimit();
        this.delivery = sluice.delivery();
    }

    @Override
    public void configure() {
        collectionsCall(DeliveryBatch.Operation.UPSERT, collections::prepareUpsert);
        collectionsCall(DeliveryBatch.Operation.DELETE, collections::prepareDelete);

        from("direct:" + CALL).routeId(CALL)
                .errorHandler(noErrorHandler())
                .throttle(rateLimit.requests()).totalRequestsMode()
                    .timePeriodMillis(delivery.throttleWindowMillis(rateLimit.period()))
                    .id(CALL + "-rate-limit")
                .doTry()
                    .to("salesforce:raw?format=JSON").id(CALL + "-raw")
                .doCatch(SalesforceException.class)
                    .process(collections::rethrowClassified)
                .end();
    }

    private void collectionsCall(DeliveryBatch.Operation operation, Processor prepareRequest) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                .process(prepareRequest)
                .to("direct:" + CALL).id(name + "-call")
                .process(collections::readResults);
    }
}
