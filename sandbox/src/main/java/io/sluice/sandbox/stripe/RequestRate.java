package io.sluice.sandbox.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Stripe's per-second request limit, over a sliding second; refused requests do not count. */
final class RequestRate {

    /** Stripe's limit in test mode; live mode allows 100. */
    static final int TEST_MODE_LIMIT = 25;

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final Clock clock;
    private final Deque<Instant> accepted = new ArrayDeque<>();
    private int limit = TEST_MODE_LIMIT;

    RequestRate(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        while (!accepted.isEmpty() && !accepted.peekFirst().isAfter(now.minus(WINDOW))) {
            accepted.removeFirst();
        }
        if (accepted.size() >= limit) {
            return false;
        }
        accepted.addLast(now);
        return true;
    }

    synchronized void setLimit(int requestsPerSecond) {
        limit = requestsPerSecond;
    }

    synchronized void reset() {
        accepted.clear();
        limit = TEST_MODE_LIMIT;
    }
}
