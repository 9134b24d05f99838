package io.sluice.quotas;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The quotas of a single instance, forgotten when it stops: the embedded default. */
public final class InMemoryQuotaStore implements QuotaStore {

    private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    private record Budget(LocalDate day, long used) {
    }

    @Override
    public BreakerState breaker(String key) {
        return breakers.getOrDefault(key, BreakerState.CLOSED);
    }

    @Override
    public void closeBreaker(String key) {
        breakers.remove(key);
    }

    @Override
    public BreakerState breakerFailed(String key, String error, int opensAfter, Instant now, Duration openFor) {
        return breakers.compute(key, (ignored, before) -> {
            BreakerState current = before == null ? BreakerState.CLOSED : before;
            int failed = current.failedInARow() + 1;
            return new BreakerState(failed, error, failed >= opensAfter ? now.plus(openFor) : current.openUntil());
        });
    }

    @Override
    public boolean takeFromBudget(String key, LocalDate day, long limit) {
        boolean[] taken = new boolean[1];
        budgets.compute(key, (ignored, before) -> {
            long used = before == null || !before.day().equals(day) ? 0 : before.used();
            taken[0] = used < limit;
            return new Budget(day, taken[0] ? used + 1 : used);
        });
        return taken[0];
    }

    @Override
    public void spendBudget(String key, LocalDate day, long limit) {
        budgets.compute(key, (ignored, before) -> before != null && before.day().equals(day)
                ? new Budget(day, Math.max(before.used(), limit)) : new Budget(day, limit));
    }
}
