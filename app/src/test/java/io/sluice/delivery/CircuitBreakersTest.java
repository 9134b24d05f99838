package io.sluice.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.quotas.InMemoryQuotaStore;
import io.sluice.runs.RunContext;
import io.sluice.sandbox.MutableClock;
import io.sluice.sync.AlertRules;
import io.sluice.sync.DestinationSettings;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.GuardOverrides;
import io.sluice.sync.Schedule;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncMode;

/** When a destination's breaker opens, lets a probe through, and opens again or closes. */
class CircuitBreakersTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final CircuitBreakers breakers = new CircuitBreakers(
            new SluiceProperties.CircuitBreaker(2, Duration.ofMinutes(5)), new InMemoryQuotaStore(), clock);
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void anAnswerBetweenFailuresKeepsItClosed() {
        breakers.recordExhaustedBatch(failedBatch(run(), "salesforce"));
        breakers.recordAnswer(batch(run(), "salesforce"));
        RunContext run = run();
        breakers.recordExhaustedBatch(failedBatch(run, "salesforce"));

        assertThat(run.abortReason()).isEmpty();
        assertThatNoException().isThrownBy(() -> breakers.admit(batch(run(), "salesforce")));
    }

    @Test
    void itOpensAfterTheFailuresInARowStopsTheRunAndRefusesEverySyncOfThatDestinationOnly() {
        breakers.recordExhaustedBatch(failedBatch(run(), "salesforce"));
        RunContext run = run();
        breakers.recordExhaustedBatch(failedBatch(run, "salesforce"));

        assertThat(run.abortReason()).contains(
                "destination salesforce unavailable: circuit open after 2 failed batches: HTTP 503 from the vendor");
        assertThatThrownBy(() -> breakers.admit(batch(run(), "salesforce")))
                .isInstanceOf(SendingStoppedException.class).hasMessageStartingWith("destination salesforce unavailable");
        assertThatNoException().isThrownBy(() -> breakers.admit(batch(run(), "hubspot")));
    }

    @Test
    void eachConnectionOfADestinationHasItsOwnBreaker() {
        breakers.recordExhaustedBatch(failedBatch(run(), "salesforce:sandbox"));
        breakers.recordExhaustedBatch(failedBatch(run(), "salesforce:sandbox"));

        assertThatThrownBy(() -> breakers.admit(batch(run(), "salesforce:sandbox")))
                .isInstanceOf(SendingStoppedException.class)
                .hasMessageStartingWith("destination salesforce:sandbox unavailable");
        assertThatNoException().isThrownBy(() -> breakers.admit(batch(run(), "salesforce")));
        assertThatNoException().isThrownBy(() -> breakers.admit(batch(run(), "salesforce:production")));
    }

    @Test
    void afterItsOpenPeriodOneProbeFailingOpensItAgainAtOnceAndOneAnswerClosesIt() {
        breakers.recordExhaustedBatch(failedBatch(run(), "salesforce"));
        breakers.recordExhaustedBatch(failedBatch(run(), "salesforce"));
        clock.advance(Duration.ofMinutes(5));

        assertThatNoException().isThrownBy(() -> breakers.admit(batch(run(), "salesforce")));
        RunContext probe = run();
        breakers.recordExhaustedBatch(failedBatch(probe, "salesforce"));
        assertThat(probe.abortReason()).get().asString().contains("after 3 failed batches");
        assertThatThrownBy(() -> breakers.admit(batch(run(), "salesforce"))).isInstanceOf(SendingStoppedException.class);

        clock.advance(Duration.ofMinutes(5));
        breakers.recordAnswer(batch(run(), "salesforce"));
        breakers.recordExhaustedBatch(failedBatch(run(), "salesforce"));
        assertThatNoException().isThrownBy(() -> breakers.admit(batch(run(), "salesforce")));
    }

    @Test
    void aRunBeingStoppedSendsNothingMore() {
        RunContext run = run();
        run.abort("interrupted: Sluice is shutting down; the next run resumes");

        assertThatThrownBy(() -> breakers.admit(batch(run, "salesforce")))
                .isInstanceOf(SendingStoppedException.class).hasMessageContaining("shutting down");
    }

    private RunContext run() {
        return new RunContext(1, sync("salesforce"), false, Optional.empty(), false);
    }

    private Exchange batch(RunContext run, String connectionKey) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(RunContext.PROPERTY, run);
        exchange.setProperty(DeliveryBatch.PROPERTY, new DeliveryBatch(sync(connectionKey), DeliveryBatch.Operation.UPSERT,
                List.of()));
        return exchange;
    }

    private Exchange failedBatch(RunContext run, String connectionKey) {
        Exchange exchange = batch(run, connectionKey);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new DeliveryException(true, "HTTP_503", "HTTP 503 from the vendor", null));
        return exchange;
    }

    /** @param connectionKey a destination, or {@code destination:connection} for a named connection of it */
    private static SyncDefinition sync(String connectionKey) {
        List<FieldMapping> mapping = List.of(new FieldMapping("email", "Email", null));
        String[] parts = connectionKey.split(":", 2);
        return new SyncDefinition("leads", Path.of("routes/leads.yaml"), "leads", "SELECT 1", "email", Optional.empty(),
                mapping, parts[0], "Lead", "Email", new Schedule("manual", null), SyncMode.FULL, DestinationSettings.NONE,
                GuardOverrides.NONE, AlertRules.GLOBAL, Optional.empty(), List.of(),
                parts.length == 2 ? Optional.of(parts[1]) : Optional.empty(), Optional.empty());
    }
}
