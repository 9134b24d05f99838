package io.sluice.destinations.stripe;

/**
 * Where Stripe syncs write: the API's base URL and the secret key. A bean of this type made from
 * {@code sluice.stripe.*}; the demo replaces it with its local sandbox.
 */
public record StripeConnection(String apiBase, String apiKey) {

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Never the key itself: a connection ends up in logs. */
    @Override
    public String toString() {
        return "StripeConnection[apiBase=" + apiBase + ", apiKey=" + (hasApiKey() ? "(set)" : "(none)") + "]";
    }
}
