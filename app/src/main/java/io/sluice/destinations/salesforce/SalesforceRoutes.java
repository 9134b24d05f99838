package io.sluice.destinations.salesforce;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.RateLimit;

/**
 * The calls Sluice makes to Salesforce. sObject Collections go through camel-salesforce's {@code raw} operation:
 * sync files name fields only known at run time, so requests are JSON built from the mapping rather than generated
 * sObject classes. A batch planned for a Bulk API 2.0 job goes to {@link SalesforceBulkRoutes} instead. Every call
 * passes one throttle, so every sync together keeps to {@code sluice.salesforce.rate-limit}. Retries are not
 * decided here but by the calling sync route.
 */
@Component
class SalesforceRoutes extends RouteBuilder {

    /** Where every call to Salesforce goes, throttled. */
    static final String CALL_ENDPOINT = "direct:salesforce-call";
    /** Exchange property: the camel-salesforce operation (and its options) a call to {@link #CALL_ENDPOINT} makes. */
    static final String OPERATION = "sluiceSalesforceOperation";
    private static final String CALL = "salesforce-call";
    private static final String ADD_TO_CAMPAIGN = "salesforce-campaign-add";
    private static final String REMOVE_FROM_CAMPAIGN = "salesforce-campaign-remove";

    private final SalesforceDestination destination;
    private final SalesforceCollections collections;
    private final CampaignMemberships campaigns;
    private final RateLimit rateLimit;
    private final SluiceProperties.Delivery delivery;

    SalesforceRoutes(SalesforceDestination destination, SalesforceCollections collections,
                     CampaignMemberships campaigns, SalesforceProperties properties, SluiceProperties sluice) {
        this.destination = destination;
        this.collections = collections;
        this.campaigns = campaigns;
        this.rateLimit = properties.rateLimit();
        this.delivery = sluice.delivery();
    }

    @Override
    public void configure() {
        deliveryRoute(DeliveryBatch.Operation.UPSERT, collections::prepareUpsert);
        deliveryRoute(DeliveryBatch.Operation.DELETE, collections::prepareDelete);
        campaignRoute(ADD_TO_CAMPAIGN, campaigns::prepareLookup, campaigns::prepareCreate, campaigns::readCreated);
        campaignRoute(REMOVE_FROM_CAMPAIGN, campaigns::prepareMemberLookup, campaigns::prepareDelete,
                campaigns::readDeleted);

        from(CALL_ENDPOINT).routeId(CALL)
                .errorHandler(noErrorHandler())
                .throttle(rateLimit.requests()).totalRequestsMode()
                    .timePeriodMillis(delivery.throttleWindowMillis(rateLimit.period()))
                    .id(CALL + "-rate-limit")
                .doTry()
                    .toD("salesforce:${exchangeProperty." + OPERATION + "}").id(CALL + "-salesforce")
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
                    .to(CALL_ENDPOINT).id(name + "-query")
                .end()
                .process(prepareChange).id(name + "-request")
                .filter(method(campaigns, "hasCall"))
                    .setProperty(OPERATION, constant("raw?format=JSON"))
                    .to(CALL_ENDPOINT).id(name + "-call")
                .end()
                .process(readAnswer).id(name + "-answer");
    }

    private void deliveryRoute(DeliveryBatch.Operation operation, Processor prepareRequest) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
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
                        .to(CALL_ENDPOINT).id(name + "-call")
                        .process(collections::readResults)
                .end();
    }
}
