package io.sluice.quotas;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Circuit breakers and daily budgets, each under an opaque key (today a destination's name): kept in memory by
 * one instance, or in the state store for every instance sharing it ({@code sluice.quotas.shared}). The policy
 * (what opens a breaker, what a budget refuses) is the caller's; each method is one atomic step.
 */
public interface QuotaStore {

    BreakerState breaker(String key);

    /** The destination answered: no failures in a row, not open. */
    void closeBreaker(String key);

    /**
     * Counts one more failed batch in a row; the failure that makes {@code opensAfter} in a row opens the
     * breaker until {@code now + openFor}, as does every one after it.
     *
     * @return the breaker after this failure
     */
    BreakerState breakerFailed(String key, String error, int opensAfter, Instant now, Duration openFor);

    /**
     * Counts one call against {@code day}'s budget; a new day starts from zero.
     *
     * @return false, counting nothing, when {@code limit} calls were counted that day already
     */
    boolean takeFromBudget(String key, LocalDate day, long limit);

    /** Spends what is left of {@code day}'s budget. */
    void spendBudget(String key, LocalDate day, long limit);
}
