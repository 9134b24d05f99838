package io.sluice.sandbox.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** The org's API usage against its rolling 24-hour allowance, as {@code Sforce-Limit-Info} reports it. */
final class ApiUsage {

    /** A Developer Edition org's allowance; enough for the demo, small enough that a runaway loop shows. */
    private static final int DEFAULT_DAILY_LIMIT = 15_000;
    private static final Duration WINDOW = Duration.ofHours(24);

    private final Clock clock;
    private final Deque<Instant> countedCalls = new ArrayDeque<>();
    private int dailyLimit = DEFAULT_DAILY_LIMIT;

    ApiUsage(Clock clock) {
        this.clock = clock;
    }

    /** Counts one call against the quota, or refuses it when the quota is spent; refused calls don't count. */
    synchronized boolean tryCount() {
        evictExpired();
        if (countedCalls.size() >= dailyLimit) {
            return false;
        }
        countedCalls.addLast(clock.instant());
        return true;
    }

    synchronized String usageHeader() {
        evictExpired();
        return "api-usage=" + countedCalls.size() + "/" + dailyLimit;
    }

    synchronized void setDailyLimit(int limit) {
        dailyLimit = limit;
    }

    synchronized void reset() {
        countedCalls.clear();
        dailyLimit = DEFAULT_DAILY_LIMIT;
    }

    private void evictExpired() {
        Instant windowStart = clock.instant().minus(WINDOW);
        while (!countedCalls.isEmpty() && !countedCalls.peekFirst().isAfter(windowStart)) {
            countedCalls.removeFirst();
        }
    }
}
