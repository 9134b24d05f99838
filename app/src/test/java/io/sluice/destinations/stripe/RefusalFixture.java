package io.sluice.destinations.stripe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeResponse;

/** Refusals as stripe-java reports them: the exception for the status, Stripe's error, the raw response. */
final class RefusalFixture {

    static final Duration WAIT = Duration.ofMillis(1500);

    private RefusalFixture() {
    }

    static StripeRefusal refusal(int status, String code, String body, Map<String, String> headers) {
        StripeException exception = status >= 500
                ? new ApiException("failed", "req_123", code, status, null)
                : new InvalidRequestException("refused", null, "req_123", code, status, null);
        StripeError error = new StripeError();
        error.setCode(code);
        error.setType(status >= 500 ? "api_error" : "invalid_request_error");
        error.setLastResponse(new StripeResponse(status, HttpHeaders.of(headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue())))), body));
        exception.setStripeError(error);
        return StripeRefusal.of(exception, WAIT);
    }
}
