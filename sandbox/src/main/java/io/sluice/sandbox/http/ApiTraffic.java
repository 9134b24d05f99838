package io.sluice.sandbox.http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

import io.sluice.sandbox.http.IntercomSandbox.ReceivedRequest;

/**
 * What the workspace counts and remembers about API calls: the rate limit, injected faults, and every
 * request received.
 */
final class ApiTraffic {

    /** Intercom's default for a private app: 10,000 calls a minute, spread over 10-second windows. */
    static final int DEFAULT_LIMIT = 1_666;
    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    /** Bounds memory when the sandbox serves a long-running demo; tests look at far fewer requests. */
    private static final int MAX_RECORDED = 10_000;

    /** The rate limit as Intercom reports it on every response. */
    record Window(boolean allowed, int limit, int remaining, long resetEpochSecond) {
    }

    private final Clock clock;
    private final Deque<ReceivedRequest> received = new ArrayDeque<>();
    private int limit = DEFAULT_LIMIT;
    private long windowMillis = DEFAULT_WINDOW.toMillis();
    private long windowStart = -1;
    private int usedInWindow;
    private int faultsLeft;
    private int faultStatus;

    ApiTraffic(Clock clock) {
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

    synchronized OptionalInt takeFault() {
        if (faultsLeft == 0) {
            return OptionalInt.empty();
        }
        faultsLeft--;
        return OptionalInt.of(faultStatus);
    }

    synchronized void record(ReceivedRequest request) {
        if (received.size() == MAX_RECORDED) {
            received.removeFirst();
        }
        received.addLast(request);
    }

    synchronized List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    synchronized void setRateLimit(int requests, Duration window) {
        limit = requests;
        windowMillis = window.toMillis();
        windowStart = -1;
    }

    synchronized void failNext(int count, int status) {
        faultsLeft = count;
        faultStatus = status;
    }

    synchronized void reset() {
        received.clear();
        faultsLeft = 0;
        setRateLimit(DEFAULT_LIMIT, DEFAULT_WINDOW);
    }
}
