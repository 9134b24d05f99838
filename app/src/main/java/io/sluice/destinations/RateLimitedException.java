package io.sluice.destinations;

import java.time.Duration;

/**
 * The vendor refused the call because Sluice is going too fast (HTTP 429 and its equivalents). The
 * batch is sent again once {@link #retryAfter()} has passed — never sooner — and it does not count
 * against the retries of a failing destination: slowing down is not failing.
 */
public class RateLimitedException extends DeliveryException {

    private final Duration retryAfter;

    public RateLimitedException(String errorCode, String message, Duration retryAfter) {
        super(true, errorCode, message, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
