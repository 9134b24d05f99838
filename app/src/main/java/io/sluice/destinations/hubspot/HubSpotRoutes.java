package io.sluice.destinations.hubspot;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.quotas.Throttles;

/**
 * The calls Sluice makes to HubSpot, through camel-http. Upserts and archives share one call route,
 * so one throttle keeps both within the account's burst limit and one budget counts both against the
 * daily limit — shared by every instance when quotas are ({@code sluice.quotas.shared}). Retries are not decided here but by the calling sync route.
 */
@Component
class HubSpotRoutes extends RouteBuilder {

    private static final String CALL = "direct:hubspot-call";
    private static final String AUTHORIZATION = "Authorization";

    private final HubSpotDestination destination;
    private final HubSpotBatches batches;
    private final HubSpotFailures failures;
    private final DailyBudget dailyBudget;
    private final HubSpotConnection connection;
    private final HubSpotProperties properties;
    private final SluiceProperties.Delivery delivery;
    private final Throttles throttles;

    HubSpotRoutes(HubSpotDestination destination, HubSpotBatches batches, HubSpotFailures failures,
                  DailyBudget dailyBudget, HubSpotConnection connection, HubSpotProperties properties,
                  SluiceProperties sluice, Throttles throttles) {
        this.destination = destination;
        this.batches = batches;
        this.failures = failures;
        this.dailyBudget = dailyBudget;
        this.connection = connection;
        this.properties = properties;
        this.delivery = sluice.delivery();
        this.throttles = throttles;
    }

    @Override
    public void configure() {
        batchCall(DeliveryBatch.Operation.UPSERT, batches::prepareUpsert, batches::readUpsertAnswer);
        batchCall(DeliveryBatch.Operation.DELETE, batches::prepareArchive, batches::readArchiveAnswer);

        from(CALL).routeId("hubspot-call")
                .errorHandler(noErrorHandler())
                .process(this::requireToken).id("hubspot-require-token")
                .process(exchange -> throttles.pace(destination.name(), properties.burstLimit().requests(),
                        delivery.throttleWindow(properties.burstLimit().period()))).id("hubspot-burst-limit")
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

    private void batchCall(DeliveryBatch.Operation operation, Processor prepareRequest, Processor readAnswer) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                // camel-http sends message headers as HTTP headers: nothing the caller carried may leak to
                // HubSpot; Camel's own redelivery bookkeeping stays
                .removeHeaders("*", "CamelRedeliver*")
                .process(prepareRequest).id(name + "-request")
                .filter(method(batches, "hasInputs"))
                    .to(CALL).id(name + "-call")
                .end()
                .process(readAnswer).id(name + "-answer");
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
        return connection.baseUrl() + "?httpMethod=POST&throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#" + HubSpotConfiguration.HTTP_CLIENT_CONFIGURER
                + "&connectTimeout=" + properties.connectTimeout().toMillis()
                + "&responseTimeout=" + properties.responseTimeout().toMillis();
    }
}
