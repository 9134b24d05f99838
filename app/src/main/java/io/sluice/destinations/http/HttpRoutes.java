package io.sluice.destinations.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.util.ObjectHelper;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimit;
import io.sluice.destinations.RecordOutcome;
import io.sluice.quotas.Throttles;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncDefinitionChanged;

/**
 * The HTTP destination's routes: a batch becomes its calls (one per record, or one for the batch), each
 * call passes its sync's throttle and goes out through camel-http, and the answers become one outcome per
 * record in batch order. Retries are not decided here but by the calling sync route.
 */
@Component
class HttpRoutes extends RouteBuilder {

    /** The request being answered, for reading its response. */
    static final String REQUEST = "sluiceHttpRequest";
    private static final String SYNC_NAME = "sluiceHttpSync";
    /** Sends one call; every call of every sync passes it. */
    private static final String SEND = "direct:http-send";

    private final SyncCatalog catalog;
    private final HttpDestination destination;
    private final HttpRequests requests;
    private final HttpResponses responses;
    private final HttpProperties properties;
    private final SluiceProperties.Delivery delivery;
    private final Throttles throttles;

    HttpRoutes(SyncCatalog catalog, HttpDestination destination, HttpRequests requests, HttpResponses responses,
               HttpProperties properties, SluiceProperties sluice, Throttles throttles) {
        this.catalog = catalog;
        this.destination = destination;
        this.requests = requests;
        this.responses = responses;
        this.properties = properties;
        this.delivery = sluice.delivery();
        this.throttles = throttles;
    }

    @Override
    public void configure() {
        batchRoute(DeliveryBatch.Operation.UPSERT, method(requests, "upserts"));
        batchRoute(DeliveryBatch.Operation.DELETE, method(requests, "deletes"));

        from(SEND).routeId("http-send")
                .errorHandler(noErrorHandler())
                .choice()
                    .when(body().isInstanceOf(HttpCall.Refused.class))
                        .process(HttpRoutes::refusedOutcome)
                    .otherwise()
                        .process(requests::prepare).id("http-send-prepare")
                        .doTry()
                            .toD("direct:" + callRouteId("${exchangeProperty." + SYNC_NAME + "}")).id("http-send-call")
                        .doCatch(IOException.class)
                            .process(responses::rethrowUnanswered)
                        .end()
                        .process(responses::read).id("http-send-read")
                .end()
                // the request's headers hold secrets: none of them leaves this route with the outcomes
                .removeHeaders("*")
                .removeProperty(REQUEST);

        List<SyncDefinition> httpSyncs = catalog.valid().stream()
                .filter(sync -> HttpDestination.NAME.equals(sync.destination())).toList();
        if (!httpSyncs.isEmpty()) {
            HttpEndpoint client = client();
            httpSyncs.forEach(sync -> throttledCall(this, sync, client));
        }
    }

    /** A sync file edited while Sluice runs: its throttle follows the file's rate_limit. */
    @EventListener
    void rebuildThrottle(SyncDefinitionChanged change) throws Exception {
        String routeId = callRouteId(change.name());
        if (getContext().getRoute(routeId) != null) {
            getContext().getRouteController().stopRoute(routeId);
            getContext().removeRoute(routeId);
        }
        Optional<SyncDefinition> current = change.current()
                .filter(sync -> HttpDestination.NAME.equals(sync.destination()));
        if (current.isPresent()) {
            HttpEndpoint client = client();
            RouteBuilder.addRoutes(getContext(), builder -> throttledCall(builder, current.get(), client));
        }
    }

    private void batchRoute(DeliveryBatch.Operation operation, Expression calls) {
        String name = destination.routeId(operation);
        from(destination.endpoint(operation)).routeId(name)
                .errorHandler(noErrorHandler())
                .process(HttpRoutes::rememberSync)
                .doTry()
                    .split(calls, new OutcomesInOrder()).stopOnException()
                        .to(SEND).id(name + "-send")
                    .endDoTry()
                .doCatch(DeliveryException.class)
                    .process(HttpRoutes::rethrowDeliveryFailure)
                .end();
    }

    /**
     * Each sync has its own pace: its file's rate_limit, or the configured default; instances sharing quotas
     * keep to it together.
     */
    private void throttledCall(RouteBuilder builder, SyncDefinition sync, HttpEndpoint client) {
        RateLimit limit = destination.settings(sync).rateLimit();
        String name = callRouteId(sync.name());
        String key = destination.name() + " " + sync.name();
        builder.from("direct:" + name).routeId(name)
                .errorHandler(builder.noErrorHandler())
                .process(exchange -> throttles.pace(key, limit.requests(), delivery.throttleWindow(limit.period())))
                    .id(name + "-throttle")
                .to(client).id(name + "-request");
    }

    /**
     * One camel-http endpoint for every call: the request's URL and method come in headers (the host in the
     * endpoint URI is never called), so per-record URLs share one connection pool. Retries are Sluice's (with backoff, counted in dead letters), never
     * the HTTP client's own; no cookies carry state from one sync's calls into another's.
     */
    private HttpEndpoint client() {
        long connect = properties.connectTimeout().toMillis();
        long response = properties.responseTimeout().toMillis();
        HttpEndpoint endpoint = getContext().getEndpoint("http://sluice-http-destination"
                + "?throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + connect + "&connectionRequestTimeout=" + connect
                + "&responseTimeout=" + response + "&soTimeout=" + response, HttpEndpoint.class);
        endpoint.setHttpClientConfigurer(builder -> builder.disableAutomaticRetries().disableCookieManagement());
        return endpoint;
    }

    /** Each sync's calls take a route of their own, throttled to the sync's pace. */
    private static String callRouteId(String sync) {
        return "http-call-" + sync;
    }

    private static void rememberSync(Exchange exchange) {
        exchange.setProperty(SYNC_NAME, exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync().name());
    }

    private static void refusedOutcome(Exchange exchange) {
        exchange.getMessage().setBody(List.of(exchange.getMessage().getBody(HttpCall.Refused.class).outcome()));
    }

    /** The splitter wraps a failed call's exception; the sync route classifies the failure itself. */
    private static void rethrowDeliveryFailure(Exchange exchange) {
        throw ObjectHelper.getException(DeliveryException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    /** Every call answers for its records in order, and calls are made in record order. */
    private static final class OutcomesInOrder implements AggregationStrategy {

        @Override
        @SuppressWarnings("unchecked")
        public Exchange aggregate(Exchange collected, Exchange call) {
            if (call.getException() != null) {
                return collected == null ? call : collected;
            }
            List<RecordOutcome> outcomes = call.getMessage().getBody(List.class);
            if (collected == null) {
                call.getMessage().setBody(new ArrayList<>(outcomes));
                return call;
            }
            collected.getMessage().getBody(List.class).addAll(outcomes);
            return collected;
        }
    }
}
