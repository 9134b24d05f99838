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
 * The calls Sluice makes to HubSpot, through camel-http. Upserts, archives and list memberships to one account
 * share its call route, so one throttle keeps them within the account's burst limit and one budget counts them
 * against its daily limit — shared by every instance when quotas are ({@code sluice.quotas.shared}); each named
 * connection ({@link HubSpotAccounts}) has a route, throttle and budget of its own. Retries are not decided here but
 * by the calling sync route.
 */
@Component
class HubSpotRoutes extends RouteBuilder {

    private static final String ADD_TO_LIST = "direct:hubspot-list-add";
    private static final String REMOVE_FROM_LIST = "direct:hubspot-list-remove";
    private static final String AUTHORIZATION = "Authorization";
    /** Exchange property: the call route of the batch's account. */
    private static final String ACCOUNT = "sluiceHubSpotAccount";
    /** Where a batch's calls go: its account's call route. */
    private static final String CALL = "${exchangeProperty." + ACCOUNT + "}";

    private final HubSpotDestination destination;
    private final HubSpotBatches batches;
    private final HubSpotAccounts accounts;
    private final HubSpotProperties properties;
    private final SluiceProperties.Delivery delivery;
    private final Throttles throttles;

    HubSpotRoutes(HubSpotDestination destination, HubSpotBatches batches, HubSpotAccounts accounts,
                  HubSpotProperties properties, SluiceProperties sluice, Throttles throttles) {
        this.destination = destination;
        this.batches = batches;
        this.accounts = accounts;
        this.properties = properties;
        this.delivery = sluice.delivery();
        this.throttles = throttles;
    }

    @Override
    public void configure() {
        batchCall(DeliveryBatch.Operation.UPSERT, ADD_TO_LIST, batches::prepareUpsert, batches::readUpsertAnswer);
        batchCall(DeliveryBatch.Operation.DELETE, REMOVE_FROM_LIST, batches::prepareArchive, batches::readArchiveAnswer);

        from(ADD_TO_LIST).routeId("hubspot-list-add")
                .errorHandler(noErrorHandler())
                .process(batches::prepareLookup).id("hubspot-list-lookup-request")
                .filter(method(batches, "hasInputs"))
                    .toD(CALL).id("hubspot-list-lookup-call")
                .end()
                .process(batches::prepareAddition).id("hubspot-list-add-request")
                .filter(method(batches, "hasInputs"))
                    .toD(CALL).id("hubspot-list-add-call")
                .end()
                .process(batches::readMembershipChange).id("hubspot-list-add-answer");

        from(REMOVE_FROM_LIST).routeId("hubspot-list-remove")
                .errorHandler(noErrorHandler())
                .process(batches::prepareRemoval).id("hubspot-list-remove-request")
                .filter(method(batches, "hasInputs"))
                    .toD(CALL).id("hubspot-list-remove-call")
                .end()
                .process(batches::readMembershipChange).id("hubspot-list-remove-answer");

        accounts.all().forEach(this::callRoute);
    }

    /** One account's calls: its own throttle, daily budget and token, whichever sync makes them. */
    private void callRoute(HubSpotAccount account) {
        String name = account.callRouteId();
        from(account.callEndpoint()).routeId(name)
                .errorHandler(noErrorHandler())
                .process(exchange -> requireToken(account)).id(name + "-require-token")
                .process(exchange -> throttles.pace(account.quotaKey(), account.burstLimit().requests(),
                        delivery.throttleWindow(account.burstLimit().period()))).id(name + "-burst-limit")
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

    /** A sync keeping a list's membership goes to {@code membershipRoute} instead. */
    private void batchCall(DeliveryBatch.Operation operation, String membershipRoute, Processor prepareRequest,
                           Processor readAnswer) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                // camel-http sends message headers as HTTP headers: nothing the caller carried may leak to
                // HubSpot; Camel's own redelivery bookkeeping stays
                .removeHeaders("*", "CamelRedeliver*")
                .process(exchange -> exchange.setProperty(ACCOUNT, accounts.of(
                        exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync()).callEndpoint()))
                .choice()
                    .when(method(batches, "keepsMembership"))
                        .to(membershipRoute).id(name + "-membership")
                    .otherwise()
                        .process(prepareRequest).id(name + "-request")
                        .filter(method(batches, "hasInputs"))
                            .toD(CALL).id(name + "-call")
                        .end()
                        .process(readAnswer).id(name + "-answer")
                .end();
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
        // the method is each request's own (HubSpotBatches): lists change their members by PUT
        return account.connection().baseUrl() + "?throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#" + HubSpotConfiguration.HTTP_CLIENT_CONFIGURER
                + "&connectTimeout=" + properties.connectTimeout().toMillis()
                + "&responseTimeout=" + properties.responseTimeout().toMillis();
    }
}
