package io.sluice.delivery;

import java.time.Clock;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.quotas.BreakerState;
import io.sluice.quotas.QuotaStore;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunFailedException;

/**
 * One circuit breaker per destination connection ({@link Destination#connectionKey}), shared by every sync writing
 * to it — and, when quotas are shared ({@code sluice.quotas.shared}), by every instance on the state store: a
 * breaker one instance opens is open for all, and a destination one instance finds answering again is closed for
 * all. A second Salesforce org that is down stops only the syncs writing there. Once
 * {@code failed-batches} batches in a row have failed all their retries with a transient error, the
 * destination counts as down: runs stop sending to it and end as failed, and what they have not sent
 * stays undelivered for the next run — instead of thousands of rows becoming dead letters one batch
 * at a time while the destination is hammered. After {@code open-for} the next batch probes it: an
 * answer closes the breaker, another exhausted batch opens it again at once.
 */
@Component
class CircuitBreakers {

    private final SluiceProperties.CircuitBreaker settings;
    private final QuotaStore store;
    private final Clock clock;

    @Autowired
    CircuitBreakers(SluiceProperties properties, QuotaStore store, Clock clock) {
        this(properties.delivery().circuitBreaker(), store, clock);
    }

    CircuitBreakers(SluiceProperties.CircuitBreaker settings, QuotaStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /** Before each call: a run being stopped sends nothing more, and a destination that is down is not called. */
    void admit(Exchange exchange) {
        Optional<String> refusal = run(exchange).abortReason().or(() -> {
            String destination = connectionOf(exchange);
            BreakerState breaker = store.breaker(destination);
            return breaker.isOpenAt(clock.instant()) ? Optional.of(reason(destination, breaker)) : Optional.empty();
        });
        if (refusal.isPresent()) {
            throw new SendingStoppedException(refusal.get());
        }
    }

    /** The destination answered (whatever it said about each record): it is up. */
    void recordAnswer(Exchange exchange) {
        store.closeBreaker(connectionOf(exchange));
    }

    /**
     * A batch sent outside a run (a dead letter replayed) was answered: proof the destination is up, so runs
     * need not wait for {@code open-for} to pass.
     */
    void recordAnswer(DeliveryBatch batch) {
        store.closeBreaker(Destination.connectionKey(batch.sync()));
    }

    /** A batch failed all its retries with a transient error; enough of them in a row stop the run. */
    void recordExhaustedBatch(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String destination = connectionOf(exchange);
        BreakerState breaker = store.breakerFailed(destination, String.valueOf(cause == null ? null : cause.getMessage()),
                settings.failedBatches(), clock.instant(), settings.openFor());
        if (breaker.failedInARow() >= settings.failedBatches()) {
            run(exchange).abort(reason(destination, breaker));
        }
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

    private static String connectionOf(Exchange exchange) {
        return Destination.connectionKey(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync());
    }

    private static RunContext run(Exchange exchange) {
        return exchange.getProperty(RunContext.PROPERTY, RunContext.class);
    }

    private static String reason(String destination, BreakerState breaker) {
        return "destination " + destination + " unavailable: circuit open after " + breaker.failedInARow()
                + " failed batches: " + breaker.lastError();
    }
}
