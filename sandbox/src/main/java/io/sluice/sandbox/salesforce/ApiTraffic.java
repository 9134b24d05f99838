package io.sluice.sandbox.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

import io.sluice.sandbox.salesforce.SalesforceSandbox.RecordedCall;

/** What the org counts and remembers about API calls: the rolling 24-hour quota, injected faults, the call log. */
final class ApiTraffic {

    /** A Developer Edition org's allowance; enough for the demo, small enough that a runaway loop shows. */
    static final int DEFAULT_DAILY_LIMIT = 15_000;

    private static final Duration WINDOW = Duration.ofHours(24);
    /** Bounds memory when the sandbox serves a long-running demo; tests look at far fewer calls. */
    private static final int MAX_RECORDED_CALLS = 10_000;

    private final Clock clock;
    private final Deque<Instant> countedCalls = new ArrayDeque<>();
    private final Deque<RecordedCall> recordedCalls = new ArrayDeque<>();
    private int dailyLimit = DEFAULT_DAILY_LIMIT;
    private int faultsLeft;
    private int faultStatus;

    ApiTraffic(Clock clock) {
        this.clock = clock;
    }

    synchronized OptionalInt takeFault() {
        if (faultsLeft == 0) {
            return OptionalInt.empty();
        }
        faultsLeft--;
        return OptionalInt.of(faultStatus);
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

    synchronized void record(RecordedCall call) {
        if (recordedCalls.size() == MAX_RECORDED_CALLS) {
            recordedCalls.removeFirst();
        }
        recordedCalls.addLast(call);
    }

    synchronized List<RecordedCall> calls() {
        return List.copyOf(recordedCalls);
    }

    synchronized void setDailyLimit(int limit) {
        dailyLimit = limit;
    }

    synchronized void failNext(int count, int status) {
        faultsLeft = count;
        faultStatus = status;
    }

    synchronized void reset() {
        countedCalls.clear();
        recordedCalls.clear();
        dailyLimit = DEFAULT_DAILY_LIMIT;
        faultsLeft = 0;
    }

    private void evictExpired() {
        Instant windowStart = clock.instant().minus(WINDOW);
        while (!countedCalls.isEmpty() && !countedCalls.peekFirst().isAfter(windowStart)) {
            countedCalls.removeFirst();
        }
    }
}
