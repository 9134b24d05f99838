package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryException;
import io.sluice.quotas.InMemoryQuotaStore;

class DailyBudgetTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** 22:00 in New York, 03:00 the next day in UTC. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T03:00:00Z"));
    private final DailyBudget budget = new DailyBudget("sluice.hubspot", "hubspot", 2, NEW_YORK, new InMemoryQuotaStore(),
            new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now.get(), zone);
        }
    });

    @Test
    void callsBeyondTheDailyLimitAreRefusedAsRetryable() {
        budget.take();
        budget.take();

        assertThatThrownBy(budget::take).isInstanceOfSatisfying(DeliveryException.class, spent -> {
            assertThat(spent.isTransient()).isTrue();
            assertThat(spent.errorCode()).isEqualTo(DailyBudget.SPENT);
            assertThat(spent.getMessage()).contains("2 calls", "sluice.hubspot.daily-limit", "America/New_York");
        });
    }

    @Test
    void theBudgetRenewsAtMidnightInTheAccountsTimeZone() {
        budget.take();
        budget.take();

        now.set(now.get().plus(Duration.ofHours(1)));
        assertThatThrownBy(budget::take).as("23:00 in New York: the same day").isInstanceOf(DeliveryException.class);

        now.set(now.get().plus(Duration.ofHours(1)));
        budget.take();
    }

    @Test
    void hubSpotSayingTheLimitIsReachedSpendsTheRestOfTheDay() {
        budget.exhaust();

        assertThatThrownBy(budget::take).isInstanceOf(DeliveryException.class);
        now.set(now.get().plus(Duration.ofHours(2)));
        budget.take();
    }
}
