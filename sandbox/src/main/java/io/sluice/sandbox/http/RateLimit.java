package io.sluice.sandbox.http;

import java.time.Clock;
import java.time.Duration;

/** Intercom's rate limit: a number of calls per fixed window, reported on every counted response. */
final class RateLimit {

    /** Intercom's default for a private app: 10,000 calls a minute, spread over 10-second windows. */
    private static final int DEFAULT_LIMIT = 1_666;
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    /** The rate limit as Intercom reports it on every response. */
    record Window(boolean allowed, int limit, int remaining, long resetEpochSecond) {
    }

    private final Clock clock;
    private int limit = DEFAULT_LIMIT;
    private long windowMillis = DEFAULT_WINDOW.toMillis();
    private long windowStart = -1;
    private int usedInWindow;

    RateLimit(Clock clock) {
        this.clock = clock;
    }

    /** Counts one call in the current fixed window, or refuses it when the window is used up. */
    synchronized Window take() {
        long now = clock.millis();
        long start = now - Math.floorMod(now, windowMillis);
        if (start != windowStart) {
            windowStart = start;
            usedInWindow = 0;
        }
        // Intercom reports the reset in whole seconds: round up, so waiting until then is always enough
        long reset = Math.floorDiv(start + windowMillis + 999, 1000);
        if (usedInWindow >= limit) {
            return new Window(false, limit, 0, reset);
        }
        usedInWindow++;
        return new Window(true, limit, limit - usedInWindow, reset);
    }

    synchronized void set(int requests, Duration window) {
        limit = requests;
        windowMillis = window.toMillis();
        windowStart = -1;
    }

    void reset() {
        set(DEFAULT_LIMIT, DEFAULT_WINDOW);
    }
}
