package io.sluice.sandbox.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Stripe refuses, answered with {@code status} and Stripe's error body
 * {@code {"error":{"type","code","message","param","doc_url"}}} (absent members left out, as Stripe does).
 */
final class StripeError extends RuntimeException {

    private static final String DOCS = "https://stripe.com/docs/error-codes/";

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    private StripeError(int status, String type, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static StripeError invalidRequest(int status, String code, String message, String param) {
        return new StripeError(status, "invalid_request_error", code, message, param);
    }

    static StripeError missingApiKey() {
        return new StripeError(401, "invalid_request_error", null, "You did not provide an API key. You need to "
                + "provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                + "YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details.", null);
    }

    static StripeError invalidApiKey(String key) {
        return new StripeError(401, "invalid_request_error", null, "Invalid API Key provided: " + redact(key), null);
    }

    static StripeError noSuchCustomer(String id) {
        return invalidRequest(404, "resource_missing", "No such customer: '" + id + "'", "id");
    }

    static StripeError unknownParameter(String param) {
        return invalidRequest(400, "parameter_unknown", "Received unknown parameter: " + param, param);
    }

    static StripeError rateLimited() {
        return invalidRequest(429, "rate_limit", "Request rate limit exceeded. You can learn more about rate limits "
                + "here https://stripe.com/docs/rate-limits.", null);
    }

    static StripeError idempotencyMismatch(String key) {
        return new StripeError(400, "idempotency_error", null, "Keys for idempotent requests can only be used with "
                + "the same parameters they were first used with. Try using a key other than '" + key
                + "' if you meant to execute a different request.", null);
    }

    static StripeError idempotentRequestInFlight(String key) {
        return new StripeError(409, "idempotency_error", null, "There is currently another in-progress request using "
                + "this idempotent key (that probably means you submitted twice, and the other request is still going "
                + "through): " + key + ". Please try again later.", null);
    }

    /** An injected fault: an outage (5xx), throttling (429) or any other refusal, in Stripe's shape. */
    static StripeError ofStatus(int status) {
        if (status == 429) {
            return rateLimited();
        }
        return status >= 500
                ? new StripeError(status, "api_error", null, "An unknown error occurred", null)
                : invalidRequest(status, null, "The request was refused.", null);
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", DOCS + code.replace('_', '-'));
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        return Map.of("error", error);
    }

    /** Stripe shows the prefix and the last four characters of a refused key, never the key. */
    private static String redact(String key) {
        int prefix = key.startsWith("sk_test_") || key.startsWith("sk_live_") ? 8 : 0;
        return key.length() <= prefix + 4 ? key.substring(0, Math.min(prefix, key.length())) + "****"
                : key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4) + key.substring(key.length() - 4);
    }
}
