package io.sluice.destinations.hubspot;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;

/**
 * The calls Sluice makes to HubSpot, through camel-http. Upserts, archives and list memberships share one call route,
 * so one throttle keeps both within the account's burst limit and one budget counts both against the
 * daily limit. Retries are not decided here but by the calling sync route.
 */
@Component
class HubSpotRoutes extends RouteBuilder {

    private static final String CALL = "direct:hubspot-call";
    private static final String ADD_TO_LIST = "direct:hubspot-list-add";
    private static final String REMOVE_FROM_LIST = "direct:hubspot-list-remove";
    private static final String AUTHORIZATION = "Authorization";

    private final HubSpotDestination destination;
    private final HubSpotBatches batches;
    private final HubSpotFailures failures;
    private final DailyBudget dailyBudget;
    private final HubSpotConnection connection;
    private final HubSpotProperties properties;
    private final SluiceProperties.Delivery delivery;

    HubSpotRoutes(HubSpotDestination destination, HubSpotBatches batches, HubSpotFailures failures,
                  DailyBudget dailyBudget, HubSpotConnection connection, HubSpotProperties properties,
                  SluiceProperties sluice) {
        this.destination = destination;
        this.batches = batches;
        this.failures = failures;
        this.dailyBudget = dailyBudget;
        this.connection = connection;
        this.properties = properties;
        this.delivery = sluice.delivery();
    }

    @Override
    public void configure() {
        batchCall(DeliveryBatch.Operation.UPSERT, ADD_TO_LIST, batches::prepareUpsert, batches::readUpsertAnswer);
        batchCall(DeliveryBatch.Operation.DELETE, REMOVE_FROM_LIST, batches::prepareArchive, batches::readArchiveAnswer);

        from(ADD_TO_LIST).routeId("hubspot-list-add")
                .errorHandler(noErrorHandler())
                .process(batches::prepareLookup).id("hubspot-list-lookup-request")
                .filter(method(batches, "hasInputs"))
                    .to(CALL).id("hubspot-list-lookup-call")
                .end()
                .process(batches::prepareAddition).id("hubspot-list-add-request")
                .filter(method(batches, "hasInputs"))
                    .to(CALL).id("hubspot-list-add-call")
                .end()
                .process(batches::readMembershipChange).id("hubspot-list-add-answer");

        from(REMOVE_FROM_LIST).routeId("hubspot-list-remove")
                .errorHandler(noErrorHandler())
                .process(batches::prepareRemoval).id("hubspot-list-remove-request")
                .filter(method(batches, "hasInputs"))
                    .to(CALL).id("hubspot-list-remove-call")
                .end()
                .process(batches::readMembershipChange).id("hubspot-list-remove-answer");

        from(CALL).routeId("hubspot-call")
                .errorHandler(noErrorHandler())
                .process(this::requireToken).id("hubspot-require-token")
                .throttle(properties.burstLimit().requests()).totalRequestsMode()
                    .timePeriodMillis(delivery.throttleWindowMillis(properties.burstLimit().period())).id("hubspot-burst-limit")
                .process(exchange -> dailyBudget.take()).id("hubspot-daily-limit")
                .process(this::authorize).id("hubspot-authorize")
                .doTry()
                    .to(endpointUri()).id("hubspot-http")
                .doCatch(IOException.class)
                    .process(failures::rethrowUnanswered).id("hubspot-unanswered")
                .doFinally()
                    // the token must not travel on with the exchange into logs and dead-letter handling
                    .removeHeader(AUTHORIZATION).id("hubspot-forget-token")
                .end()
                .process(failures::rethrowRefused).id("hubspot-refused");
    }

    /** A sync keeping a list's membership goes to {@code membershipRoute} instead. */
    private void batchCall(DeliveryBatch.Operation operation, String membershipRoute, Processor prepareRequest,
                           Processor readAnswer) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                // camel-http sends message headers as HTTP headers: nothing the caller carried may leak to
                // HubSpot; Camel's own redelivery bookkeeping stays
                .removeHeaders("*", "CamelRedeliver*")
                .choice()
                    .when(method(batches, "keepsMembership"))
                        .to(membershipRoute).id(name + "-membership")
                    .otherwise()
                        .process(prepareRequest).id(name + "-request")
                        .filter(method(batches, "hasInputs"))
                            .to(CALL).id(name + "-call")
                        .end()
                        .process(readAnswer).id(name + "-answer")
                .end();
    }

    private void requireToken(Exchange exchange) {
        if (!connection.hasToken()) {
            throw new DeliveryException(false, "NO_TOKEN", "sluice.hubspot.token is not set: HubSpot needs a private "
                    + "app's access token. Set it, then replay these dead letters.", null);
        }
    }

    private void authorize(Exchange exchange) {
        exchange.getMessage().setHeader(AUTHORIZATION, "Bearer " + connection.token());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    /** The token goes in a header, never in the URI, which Camel logs and shows. */
    private String endpointUri() {
        // the method is each request's own (HubSpotBatches): lists change their members by PUT
        return connection.baseUrl() + "?throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#" + HubSpotConfiguration.HTTP_CLIENT_CONFIGURER
                + "&connectTimeout=" + properties.connectTimeout().toMillis()
                + "&responseTimeout=" + properties.responseTimeout().toMillis();
    }
}
