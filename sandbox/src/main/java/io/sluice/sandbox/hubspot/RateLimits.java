package io.sluice.sandbox.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The account's API limits: the rolling burst window and the daily limit, reset at midnight UTC. */
final class RateLimits {

    /** A Free or Starter account's private app limits. */
    private static final int DEFAULT_BURST_LIMIT = 100;
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    private static final int DEFAULT_DAILY_LIMIT = 250_000;

    private final Clock clock;
    private final Deque<Instant> burst = new ArrayDeque<>();
    private int burstLimit;
    private Duration interval;
    private int dailyLimit;
    private LocalDate day;
    private int usedToday;

    RateLimits(Clock clock) {
        this.clock = clock;
        reset();
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

    synchronized void setBurstLimit(int limit, Duration window) {
        burstLimit = limit;
        interval = window;
    }

    synchronized void setDailyLimit(int limit) {
        dailyLimit = limit;
    }

    synchronized void reset() {
        burst.clear();
        burstLimit = DEFAULT_BURST_LIMIT;
        interval = DEFAULT_INTERVAL;
        dailyLimit = DEFAULT_DAILY_LIMIT;
        day = null;
        usedToday = 0;
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
