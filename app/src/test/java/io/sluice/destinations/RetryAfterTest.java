package io.sluice.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void secondsAreTheWait() {
        assertThat(RetryAfter.parse(" 30 ", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void anHttpDateIsWaitedUntil() {
        assertThat(RetryAfter.parse("Mon, 02 Mar 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void aDateAlreadyPastAsksForNoWait() {
        assertThat(RetryAfter.parse("Mon, 02 Mar 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", NOW)).contains(Duration.ZERO);
    }

    @Test
    void noHeaderOrNeitherFormIsNoAnswer() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    }
}
