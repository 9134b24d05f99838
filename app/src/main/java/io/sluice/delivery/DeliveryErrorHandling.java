package io.sluice.delivery;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.util.ObjectHelper;
import org.springframework.stereotype.Component;

import io.sluice.commit.DeliveryRecorder;
import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.metrics.SyncMetrics;

/**
 * The one place that decides what a failed delivery call becomes, for every sync route: transient
 * failures are retried with exponential backoff and jitter, then — like permanent failures at once —
 * the batch's records become dead letters (a batch refused for one record's content is first taken apart
 * by {@link BatchIsolation}) and the run goes on — until the destination's circuit
 * breaker opens, which stops the run with what it has not sent left undelivered. Anything else (the warehouse failing,
 * the state store failing) is not handled here and fails the run.
 */
@Component
class DeliveryErrorHandling extends RouteConfigurationBuilder {

    static final String ID = "sync-delivery";

    private final SluiceProperties.Delivery delivery;
    private final SyncMetrics metrics;
    private final CircuitBreakers circuitBreakers;

    DeliveryErrorHandling(SluiceProperties properties, SyncMetrics metrics, CircuitBreakers circuitBreakers) {
        this.delivery = properties.delivery();
        this.metrics = metrics;
        this.circuitBreakers = circuitBreakers;
    }

    /** Camel clears its redelivery counter before the handler runs; the dead letter keeps it. */
    private void countAttempt(Exchange exchange) {
        exchange.setProperty(DeliveryRecorder.ATTEMPTS,
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1);
        metrics.retrying(exchange);
    }

    private void waitAsAsked(Exchange exchange) throws InterruptedException {
        countAttempt(exchange);
        RateLimitedException throttled = ObjectHelper.getException(RateLimitedException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        if (throttled != null && throttled.retryAfter() != null) {
            Duration wait = throttled.retryAfter().compareTo(delivery.maxRetryAfter()) > 0
                    ? delivery.maxRetryAfter() : throttled.retryAfter();
            Thread.sleep(wait.toMillis());
        }
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(DeliveryException.class)
                .onWhen(exchange -> {
                    DeliveryException failure = exchange.getException(DeliveryException.class);
                    return failure != null && failure.isTransient();
                })
                .maximumRedeliveries(delivery.maxRedeliveries())
                .redeliveryDelay(delivery.initialBackoff().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(delivery.backoffMultiplier())
                .maximumRedeliveryDelay(delivery.maxBackoff().toMillis())
                .useCollisionAvoidance()
                .onRedelivery(this::countAttempt)
                .handled(true)
                .bean("syncMetrics", "requestFailed")
                .bean("deliveryRecorder", "recordBatchFailure")
                .process(circuitBreakers::recordExhaustedBatch)
                .end()
                .onException(DeliveryException.class)
                .handled(true)
                .bean("syncMetrics", "requestFailed")
                .bean("batchIsolation", "deliverOrDeadLetter")
                .end()
                // throttled: wait as long as the vendor asked, then send again; no backoff on top
                .onException(RateLimitedException.class)
                .maximumRedeliveries(delivery.maxRateLimitedRetries())
                .redeliveryDelay(0)
                .onRedelivery(this::waitAsAsked)
                .handled(true)
                .bean("syncMetrics", "requestFailed")
                .bean("deliveryRecorder", "recordBatchFailure")
                .end()
                // the destination is down or Sluice is stopping: this batch and the rest stay unsent, for the next run
                .onException(SendingStoppedException.class)
                .handled(true)
                .process(circuitBreakers::stopRun)
                .end();
    }
}
