package io.sluice.destinations.salesforce;

import java.util.Optional;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.destinations.RateLimit;
import io.sluice.quotas.Throttles;

/**
 * The calls Sluice makes to Salesforce. sObject Collections go through camel-salesforce's {@code raw} operation:
 * sync files name fields only known at run time, so requests are JSON built from the mapping rather than generated
 * sObject classes. A batch planned for a Bulk API 2.0 job goes to {@link SalesforceBulkRoutes} instead. Every call
 * passes its org's throttle, so every sync writing to the default org together — and every instance sharing quotas —
 * keeps to {@code sluice.salesforce.rate-limit}, and those writing to a named one to its own
 * {@code sluice.salesforce.connections.<name>.rate-limit} ({@link SalesforceConnections}). Retries are not decided
 * here but by the calling sync route.
 */
@Component
class SalesforceRoutes extends RouteBuilder {

    /** Exchange property: the camel-salesforce operation (and its options) a call to a call route makes. */
    static final String OPERATION = "sluiceSalesforceOperation";
    /** Exchange property: the call route of the batch's org. */
    private static final String CALL_ROUTE = "sluiceSalesforceCall";
    private static final String ADD_TO_CAMPAIGN = "salesforce-campaign-add";
    private static final String REMOVE_FROM_CAMPAIGN = "salesforce-campaign-remove";

    private final SalesforceDestination destination;
    private final SalesforceCollections collections;
    private final CampaignMemberships campaigns;
    private final SalesforceConnections connections;
    private final SluiceProperties.Delivery delivery;
    private final Throttles throttles;

    SalesforceRoutes(SalesforceDestination destination, SalesforceCollections collections,
                     CampaignMemberships campaigns, SalesforceConnections connections, SluiceProperties sluice,
                     Throttles throttles) {
        this.destination = destination;
        this.collections = collections;
        this.campaigns = campaigns;
        this.connections = connections;
        this.delivery = sluice.delivery();
        this.throttles = throttles;
    }

    @Override
    public void configure() {
        connections.register(getContext());
        deliveryRoute(DeliveryBatch.Operation.UPSERT, collections::prepareUpsert);
        deliveryRoute(DeliveryBatch.Operation.DELETE, collections::prepareDelete);
        campaignRoute(ADD_TO_CAMPAIGN, campaigns::prepareLookup, campaigns::prepareCreate, campaigns::readCreated);
        campaignRoute(REMOVE_FROM_CAMPAIGN, campaigns::prepareMemberLookup, campaigns::prepareDelete,
                campaigns::readDeleted);
        connections.rateLimits().forEach(this::callRoute);
    }

    /** One org's calls, throttled to its own pace whichever sync makes them. */
    private void callRoute(Optional<String> connection, RateLimit rateLimit) {
        String name = SalesforceConnections.callRouteId(connection);
        from("direct:" + name).routeId(name)
                .errorHandler(noErrorHandler())
                .process(exchange -> throttles.pace(Destination.connectionKey(destination.name(), connection),
                        rateLimit.requests(), delivery.throttleWindow(rateLimit.period()))).id(name + "-rate-limit")
                .doTry()
                    .toD(SalesforceConnections.componentName(connection) + ":${exchangeProperty." + OPERATION + "}")
                        .id(name + "-salesforce")
                .doCatch(SalesforceException.class)
                    .process(collections::rethrowClassified)
                .end();
    }

    /** A campaign's members change in two calls: a query finding the records, then the change itself. */
    private void campaignRoute(String name, Processor prepareQuery, Processor prepareChange, Processor readAnswer) {
        from("direct:" + name).routeId(name)
                .errorHandler(noErrorHandler())
                .process(prepareQuery).id(name + "-query-request")
                .filter(method(campaigns, "hasCall"))
                    .setProperty(OPERATION, constant("raw?format=JSON"))
                    .toD("${exchangeProperty." + CALL_ROUTE + "}").id(name + "-query")
                .end()
                .process(prepareChange).id(name + "-request")
                .filter(method(campaigns, "hasCall"))
                    .setProperty(OPERATION, constant("raw?format=JSON"))
                    .toD("${exchangeProperty." + CALL_ROUTE + "}").id(name + "-call")
                .end()
                .process(readAnswer).id(name + "-answer");
    }

    private void deliveryRoute(DeliveryBatch.Operation operation, Processor prepareRequest) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                .process(exchange -> exchange.setProperty(CALL_ROUTE, SalesforceConnections.callEndpoint(
                        exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class))))
                .choice()
                    .when(exchange -> SalesforceSettings.campaign(
                            exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync()) != null)
                        .to("direct:" + (operation == DeliveryBatch.Operation.UPSERT ? ADD_TO_CAMPAIGN
                                : REMOVE_FROM_CAMPAIGN)).id(name + "-campaign")
                    .when(exchange -> SalesforceDestination.goesInBulk(
                            exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class)))
                        .to(SalesforceBulkRoutes.ENDPOINT).id(name + "-bulk")
                    .otherwise()
                        .process(prepareRequest)
                        .setProperty(OPERATION, constant("raw?format=JSON"))
                        .toD("${exchangeProperty." + CALL_ROUTE + "}").id(name + "-call")
                        .process(collections::readResults)
                .end();
    }
}
