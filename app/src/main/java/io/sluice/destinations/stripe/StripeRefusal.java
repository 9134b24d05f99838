package io.sluice.destinations.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeResponse;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.destinations.RecordOutcome;
import io.sluice.destinations.RetryAfter;

/**
 * A request Stripe refused, or that got no answer, with what Stripe said: status, error code, the raw
 * {@code {"error":{...}}} body, request id and the response headers that tell what to do next.
 */
final class StripeRefusal extends Exception {

    private static final String RESOURCE_MISSING = "resource_missing";

    private final int status;
    private final String code;
    private final Optional<String> replayedFrom;
    private final Optional<Boolean> shouldRetry;
    private final Duration retryAfter;

    private StripeRefusal(String message, StripeException cause, int status, String code,
                          Optional<String> replayedFrom, Optional<Boolean> shouldRetry, Duration retryAfter) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.replayedFrom = replayedFrom;
        this.shouldRetry = shouldRetry;
        this.retryAfter = retryAfter;
    }

    /** @param rateLimitedWait the wait after a 429 that names none */
    static StripeRefusal of(StripeException failure, Duration rateLimitedWait) {
        int status = failure.getStatusCode() == null ? 0 : failure.getStatusCode();
        StripeError error = failure.getStripeError();
        StripeResponse response = error == null ? null : error.getLastResponse();
        HttpHeaders headers = response == null ? HttpHeaders.of(Map.of()) : response.headers();
        String code = error == null ? (status == 0 ? "api_connection_error" : "HTTP_" + status)
                : error.getCode() != null ? error.getCode() : error.getType();
        String body = response == null ? failure.getMessage() : response.body();
        String requestId = failure.getRequestId() == null ? "" : " (" + failure.getRequestId() + ")";
        String message = "Stripe answered " + (status == 0 ? "nothing" : "HTTP " + status) + requestId + ": " + body;
        Optional<String> replayedFrom = StripeApi.replayedFrom(headers);
        Optional<Boolean> shouldRetry = headers.firstValue("Stripe-Should-Retry").map(Boolean::parseBoolean);
        Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), Instant.now())
                .orElse(rateLimitedWait);
        return new StripeRefusal(message, failure, status, code, replayedFrom, shouldRetry, retryAfter);
    }

    /** Stripe's error code, or its error type when it gives no code. */
    String code() {
        return code;
    }

    boolean resourceMissing() {
        return RESOURCE_MISSING.equals(code);
    }

    /** The request whose answer Stripe gave again for this idempotency key, when this is a remembered answer. */
    Optional<String> replayedFrom() {
        return replayedFrom;
    }

    /**
     * What the refusal means for the record. Throttling, an outage or anything Stripe flags with
     * {@code Stripe-Should-Retry: true} fails the call transiently (retried); a refused key or missing permission
     * fails it permanently, as it would for every record; any other refusal concerns this record alone.
     */
    RecordOutcome outcome() {
        if (status == 429) {
            throw new RateLimitedException(code, getMessage(), retryAfter);
        }
        boolean transientFailure = shouldRetry.orElse(status == 0 || status == 409 || status >= 500);
        if (transientFailure || status == 401 || status == 403 || status >= 500) {
            throw new DeliveryException(transientFailure, code, getMessage(), this);
        }
        return RecordOutcome.rejected(code, getMessage());
    }
}
