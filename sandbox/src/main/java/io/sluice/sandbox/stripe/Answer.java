package io.sluice.sandbox.stripe;

/**
 * What the API answers to one request.
 *
 * @param requestId   the id of the request that produced this answer (for a replay: the original request)
 * @param replayed    an earlier answer given again for the same idempotency key
 * @param shouldRetry Stripe's {@code Stripe-Should-Retry} hint, when it gives one
 */
record Answer(int status, Object body, String requestId, boolean replayed, Boolean shouldRetry) {

    static Answer ok(Object body, String requestId) {
        return new Answer(200, body, requestId, false, null);
    }

    static Answer refused(StripeError error, String requestId) {
        return new Answer(error.status(), error.body(), requestId, false, null);
    }

    Answer asReplay() {
        return new Answer(status, body, requestId, true, shouldRetry);
    }

    Answer withShouldRetry(boolean hint) {
        return new Answer(status, body, requestId, replayed, hint);
    }
}
