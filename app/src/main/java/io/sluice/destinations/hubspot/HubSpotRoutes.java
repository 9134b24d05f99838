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
 * The calls Sluice makes to HubSpot, through camel-http. Upserts and archives to one account share its call
 * route, so one throttle keeps both within the account's burst limit and one budget counts both against its
 * daily limit; each named connection ({@link HubSpotAccounts}) has a route, throttle and budget of its own. Retries are not decided here but by the calling sync route.
 */
@Component
class HubSpotRoutes extends RouteBuilder {

    private static final String AUTHORIZATION = "Authorization";
    /** Exchange property: the account of the batch being delivered. */
    private static final String ACCOUNT = "sluiceHubSpotAccount";

    private final HubSpotDestination destination;
    private final HubSpotBatches batches;
    private final HubSpotAccounts accounts;
    private final HubSpotProperties properties;
    private final SluiceProperties.Delivery delivery;

    HubSpotRoutes(HubSpotDestination destination, HubSpotBatches batches, HubSpotAccounts accounts,
                  HubSpotProperties properties, SluiceProperties sluice) {
        this.destination = destination;
        this.batches = batches;
        this.accounts = accounts;
        this.properties = properties;
        this.delivery = sluice.delivery();
    }

    @Override
    public void configure() {
        batchCall(DeliveryBatch.Operation.UPSERT, batches::prepareUpsert, batches::readUpsertAnswer);
        batchCall(DeliveryBatch.Operation.DELETE, batches::prepareArchive, batches::readArchiveAnswer);
        accounts.all().forEach(this::callRoute);
    }

    /** One account's calls: its own throttle, daily budget and token, whichever sync makes them. */
    private void callRoute(HubSpotAccount account) {
        String name = account.callRouteId();
        from(account.callEndpoint()).routeId(name)
                .errorHandler(noErrorHandler())
                .process(exchange -> requireToken(account)).id(name + "-require-token")
                .throttle(account.burstLimit().requests()).totalRequestsMode()
                    .timePeriodMillis(delivery.throttleWindowMillis(account.burstLimit().period()))
                    .id(name + "-burst-limit")
                .process(exchange -> account.budget().take()).id(name + "-daily-limit")
                .process(exchange -> authorize(exchange, account)).id(name + "-authorize")
                .doTry()
                    .to(endpointUri(account)).id(name + "-http")
                .doCatch(IOException.class)
                    .process(account.failures()::rethrowUnanswered).id(name + "-unanswered")
                .doFinally()
                    // the token must not travel on with the exchange into logs and dead-letter handling
                    .removeHeader(AUTHORIZATION).id(name + "-forget-token")
                .end()
                .process(account.failures()::rethrowRefused).id(name + "-refused");
    }

    private void batchCall(DeliveryBatch.Operation operation, Processor prepareRequest, Processor readAnswer) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                // camel-http sends message headers as HTTP headers: nothing the caller carried may leak to
                // HubSpot; Camel's own redelivery bookkeeping stays
                .removeHeaders("*", "CamelRedeliver*")
                .process(prepareRequest).id(name + "-request")
                .process(exchange -> exchange.setProperty(ACCOUNT, accounts.of(
                        exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync()).callEndpoint()))
                .filter(method(batches, "hasInputs"))
                    .toD("${exchangeProperty." + ACCOUNT + "}").id(name + "-call")
                .end()
                .process(readAnswer).id(name + "-answer");
    }

    private static void requireToken(HubSpotAccount account) {
        if (!account.connection().hasToken()) {
            throw new DeliveryException(false, "NO_TOKEN", account.property() + ".token is not set: HubSpot needs a "
                    + "private app's access token. Set it, then replay these dead letters.", null);
        }
    }

    private static void authorize(Exchange exchange, HubSpotAccount account) {
        exchange.getMessage().setHeader(AUTHORIZATION, "Bearer " + account.connection().token());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    /** The token goes in a header, never in the URI, which Camel logs and shows. */
    private String endpointUri(HubSpotAccount account) {
        return account.connection().baseUrl() + "?httpMethod=POST&throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#" + HubSpotConfiguration.HTTP_CLIENT_CONFIGURER
                + "&connectTimeout=" + properties.connectTimeout().toMillis()
                + "&responseTimeout=" + properties.responseTimeout().toMillis();
    }
}
