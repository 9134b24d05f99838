package io.sluice.destinations.stripe;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.quotas.Throttles;

/**
 * The upsert and delete (clear) routes, and the one route every Stripe request passes, throttled: a single
 * limit for the account, whichever sync, step, operation or instance sharing quotas is asking. Retries are not decided here but by the
 * calling sync route.
 */
@Component
class StripeRoutes extends RouteBuilder {

    static final String REQUEST = "direct:stripe-request";

    private final StripeDestination destination;
    private final StripeWrites writes;
    private final StripeProperties properties;
    private final Throttles throttles;

    StripeRoutes(StripeDestination destination, StripeWrites writes, StripeProperties properties,
                 Throttles throttles) {
        this.destination = destination;
        this.writes = writes;
        this.properties = properties;
        this.throttles = throttles;
    }

    @Override
    public void configure() {
        customerWrites(DeliveryBatch.Operation.UPSERT, writes::planUpserts);
        customerWrites(DeliveryBatch.Operation.DELETE, writes::planClears);

        from(REQUEST).routeId("stripe-request")
                .errorHandler(noErrorHandler())
                .process(exchange -> throttles.pace(destination.name(), properties.rateLimit().requests(),
                        properties.rateLimit().period())).id("stripe-rate-limit")
                .process(writes::advance).id("stripe-call");
    }

    private void customerWrites(DeliveryBatch.Operation operation, Processor plan) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                .process(plan).id(name + "-plan")
                .loopDoWhile(writes::pending)
                    .to(REQUEST).id(name + "-request")
                .end()
                .process(writes::answer).id(name + "-outcomes");
    }
}
