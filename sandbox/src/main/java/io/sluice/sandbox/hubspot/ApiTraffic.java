package io.sluice.sandbox.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;

/**
 * What the account counts and remembers about API calls: the rolling burst window and the daily
 * limit (reset at midnight UTC), injected faults, and the request log.
 */
final class ApiTraffic {

    /** A Free or Starter account's private app limits. */
    static final int DEFAULT_BURST_LIMIT = 100;
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    static final int DEFAULT_DAILY_LIMIT = 250_000;

    /** Bounds memory when the sandbox serves a long-running demo; tests look at far fewer requests. */
    private static final int MAX_RECORDED_REQUESTS = 10_000;

    private final Clock clock;
    private final Deque<Instant> burst = new ArrayDeque<>();
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private int burstLimit;
    private Duration interval;
    private int dailyLimit;
    private LocalDate day;
    private int usedToday;
    private int faultsLeft;
    private int faultStatus;

    ApiTraffic(Clock clock) {
        this.clock = clock;
        reset();
    }

    synchronized OptionalInt takeFault() {
        if (faultsLeft == 0) {
            return OptionalInt.empty();
        }
        faultsLeft--;
        return OptionalInt.of(faultStatus);
    }

    /**
     * Counts one call, or names the policy that refuses it. Refused calls are not counted, so a client
     * that waits for the window to pass gets through.
     */
    synchronized Optional<String> tryCount() {
        Instant now = clock.instant();
        rollOver(now);
        if (usedToday >= dailyLimit) {
            return Optional.of(HubSpotErrors.DAILY);
        }
        if (burst.size() >= burstLimit) {
            return Optional.of(HubSpotErrors.TEN_SECONDLY);
        }
        burst.addLast(now);
        usedToday++;
        return Optional.empty();
    }

    /** The {@code X-HubSpot-RateLimit-*} headers every authenticated answer carries. */
    synchronized Map<String, String> limitHeaders() {
        rollOver(clock.instant());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-HubSpot-RateLimit-Daily", String.valueOf(dailyLimit));
        headers.put("X-HubSpot-RateLimit-Daily-Remaining", String.valueOf(Math.max(0, dailyLimit - usedToday)));
        headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(interval.toMillis()));
        headers.put("X-HubSpot-RateLimit-Max", String.valueOf(burstLimit));
        headers.put("X-HubSpot-RateLimit-Remaining", String.valueOf(Math.max(0, burstLimit - burst.size())));
        return headers;
    }

    synchronized void record(RecordedRequest request) {
        if (requests.size() == MAX_RECORDED_REQUESTS) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized void setBurstLimit(int limit, Duration window) {
        burstLimit = limit;
        interval = window;
    }

    synchronized void setDailyLimit(int limit) {
        dailyLimit = limit;
    }

    synchronized void failNext(int count, int status) {
        faultsLeft = count;
        faultStatus = status;
    }

    synchronized void reset() {
        burst.clear();
        requests.clear();
        burstLimit = DEFAULT_BURST_LIMIT;
        interval = DEFAULT_INTERVAL;
        dailyLimit = DEFAULT_DAILY_LIMIT;
        day = null;
        usedToday = 0;
        faultsLeft = 0;
    }

    private void rollOver(Instant now) {
        Instant windowStart = now.minus(interval);
        while (!burst.isEmpty() && !burst.peekFirst().isAfter(windowStart)) {
            burst.removeFirst();
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            usedToday = 0;
        }
    }
}
