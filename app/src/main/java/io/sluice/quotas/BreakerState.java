package io.sluice.quotas;

import java.time.Instant;

/**
 * A circuit breaker as kept: how many batches in a row failed, the last error, and until when nothing is sent
 * ({@code null} while closed or never opened).
 */
public record BreakerState(int failedInARow, String lastError, Instant openUntil) {

    public static final BreakerState CLOSED = new BreakerState(0, null, null);

    public boolean isOpenAt(Instant now) {
        return openUntil != null && now.isBefore(openUntil);
    }
}
