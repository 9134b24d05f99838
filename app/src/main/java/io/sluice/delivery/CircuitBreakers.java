package io.sluice.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunFailedException;

/**
 * One circuit breaker per destination connection ({@link Destination#connectionKey}), shared by every sync writing
 * to it: a second Salesforce org that is down stops only the syncs writing there. Once
 * {@code failed-batches} batches in a row have failed all their retries with a transient error, the
 * destination counts as down: runs stop sending to it and end as failed, and what they have not sent
 * stays undelivered for the next run — instead of thousands of rows becoming dead letters one batch
 * at a time while the destination is hammered. After {@code open-for} the next batch probes it: an
 * answer closes the breaker, another exhausted batch opens it again at once.
 */
@Component
class CircuitBreakers {

    private final SluiceProperties.CircuitBreaker settings;
    private final Clock clock;
    private final Map<String, Breaker> byConnection = new ConcurrentHashMap<>();

    @Autowired
    CircuitBreakers(SluiceProperties properties, Clock clock) {
        this(properties.delivery().circuitBreaker(), clock);
    }

    CircuitBreakers(SluiceProperties.CircuitBreaker settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Before each call: a run being stopped sends nothing more, and a destination that is down is not called. */
    void admit(Exchange exchange) {
        Optional<String> refusal = run(exchange).abortReason().or(() -> breakerOf(exchange).refusal(clock.instant()));
        if (refusal.isPresent()) {
            throw new SendingStoppedException(refusal.get());
        }
    }

    /** The destination answered (whatever it said about each record): it is up. */
    void recordAnswer(Exchange exchange) {
        breakerOf(exchange).answered();
    }

    /**
     * A batch sent outside a run (a dead letter replayed) was answered: proof the destination is up, so runs
     * need not wait for {@code open-for} to pass.
     */
    void recordAnswer(DeliveryBatch batch) {
        breakerOf(batch).answered();
    }

    /** A batch failed all its retries with a transient error; enough of them in a row stop the run. */
    void recordExhaustedBatch(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        breakerOf(exchange).failed(String.valueOf(cause == null ? null : cause.getMessage()), clock.instant())
                .ifPresent(reason -> run(exchange).abort(reason));
    }

    /** The batch refused by an open breaker is not sent and not dead-lettered: the run stops before it. */
    void stopRun(Exchange exchange) {
        run(exchange).abort(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class).getMessage());
    }

    /** After the batches: a run stopped by a breaker ends as failed, committing nothing more. */
    void failIfStopped(Exchange exchange) {
        Optional<String> reason = run(exchange).abortReason();
        if (reason.isPresent()) {
            throw new RunFailedException(reason.get(), null);
        }
    }

    private Breaker breakerOf(Exchange exchange) {
        return breakerOf(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class));
    }

    private Breaker breakerOf(DeliveryBatch batch) {
        return byConnection.computeIfAbsent(Destination.connectionKey(batch.sync()), Breaker::new);
    }

    private static RunContext run(Exchange exchange) {
        return exchange.getProperty(RunContext.PROPERTY, RunContext.class);
    }

    private final class Breaker {

        private final String destination;
        private int failedInARow;
        private String lastError;
        private Instant openUntil = Instant.MIN;

        Breaker(String destination) {
            this.destination = destination;
        }

        synchronized Optional<String> refusal(Instant now) {
            return now.isBefore(openUntil) ? Optional.of(reason()) : Optional.empty();
        }

        synchronized void answered() {
            failedInARow = 0;
            openUntil = Instant.MIN;
        }

        /** @return the reason, when this failure opens the breaker */
        synchronized Optional<String> failed(String error, Instant now) {
            failedInARow++;
            lastError = error;
            if (failedInARow < settings.failedBatches()) {
                return Optional.empty();
            }
            openUntil = now.plus(settings.openFor());
            return Optional.of(reason());
        }

        private String reason() {
            return "destination " + destination + " unavailable: circuit open after " + failedInARow
                    + " failed batches: " + lastError;
        }
    }
}
