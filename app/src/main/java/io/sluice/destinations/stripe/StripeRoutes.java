package io.sluice.destinations.stripe;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.quotas.Throttles;

/**
 * The upsert and delete (clear) routes, and the route every Stripe request of one account passes, throttled: a
 * single limit for the account, whichever sync, step, operation or instance sharing quotas is asking; each named
 * connection ({@link StripeAccounts}) has its own. Retries are not decided here but by the calling sync route.
 */
@Component
class StripeRoutes extends RouteBuilder {

    /** Exchange property: the request route of the batch's account. */
    private static final String REQUEST = "sluiceStripeRequest";

    private final StripeDestination destination;
    private final StripeWrites writes;
    private final StripeAccounts accounts;
    private final Throttles throttles;

    StripeRoutes(StripeDestination destination, StripeWrites writes, StripeAccounts accounts, Throttles throttles) {
        this.destination = destination;
        this.writes = writes;
        this.accounts = accounts;
        this.throttles = throttles;
    }

    @Override
    public void configure() {
        customerWrites(DeliveryBatch.Operation.UPSERT, writes::planUpserts);
        customerWrites(DeliveryBatch.Operation.DELETE, writes::planClears);
        accounts.all().forEach(this::requestRoute);
    }

    private void requestRoute(StripeAccounts.Account account) {
        String name = account.requestRouteId();
        from(account.requestEndpoint()).routeId(name)
                .errorHandler(noErrorHandler())
                .process(exchange -> throttles.pace(Destination.connectionKey(destination.name(), account.name()),
                        account.rateLimit().requests(), account.rateLimit().period())).id(name + "-rate-limit")
                .process(writes::advance).id(name + "-call");
    }

    private void customerWrites(DeliveryBatch.Operation operation, Processor plan) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                .process(plan).id(name + "-plan")
                .process(exchange -> exchange.setProperty(REQUEST, writes.requestEndpoint(exchange)))
                .loopDoWhile(writes::pending)
                    .toD("${exchangeProperty." + REQUEST + "}").id(name + "-request")
                .end()
                .process(writes::answer).id(name + "-outcomes");
    }
}
