package io.sluice.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.sandbox.stripe.StripeHttp.Reply;

/** Stripe's idempotency promise: one key, one execution, the same answer every time. */
class StripeSandboxIdempotencyTest extends StripeSandboxTestSupport {

    @Test
    void aRepeatedKeyReplaysTheFirstAnswerWithoutRunningAgain() {
        Reply first = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "key-1");
        // someone else changes the customer in between: a replay must not undo that
        http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "free"), "key-2");

        Reply again = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "key-1");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Original-Request")).isEqualTo(first.header("Request-Id"));
        assertThat(again.header("Request-Id")).isNotEqualTo(first.header("Request-Id"));
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata()).containsEntry("plan", "free");
        assertThat(sandbox.requests()).extracting(StripeSandbox.RecordedRequest::replayed)
                .containsExactly(false, false, true);
    }

    @Test
    void parametersInAnotherOrderAreTheSameRequest() {
        http.post("/v1/customers/cus_ada", Map.of("metadata[a]", "1", "metadata[b]", "2"), "key-1");

        Reply again = http.post("/v1/customers/cus_ada", new java.util.TreeMap<>(Map.of("metadata[b]", "2",
                "metadata[a]", "1")).descendingMap(), "key-1");

        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theSameKeyWithOtherParametersIsAnIdempotencyError() {
        http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "key-1");

        Reply otherValue = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "enterprise"), "key-1");
        Reply otherCustomer = http.post("/v1/customers/cus_grace", Map.of("metadata[plan]", "pro"), "key-1");

        assertThat(otherValue.status()).isEqualTo(400);
        assertThat(otherValue.error().path("type").asText()).isEqualTo("idempotency_error");
        assertThat(otherValue.error().path("message").asText()).contains("same parameters", "key-1");
        assertThat(otherCustomer.status()).isEqualTo(400);
        assertThat(otherCustomer.error().path("type").asText()).isEqualTo("idempotency_error");
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata()).containsEntry("plan", "pro");
        assertThat(sandbox.customer("cus_grace").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void aRequestThatRanIsRememberedEvenWhenItFailed() {
        Reply missing = http.post("/v1/customers/cus_new", Map.of("metadata[plan]", "pro"), "key-1");
        sandbox.addCustomer("cus_new", "new@example.com", "New");

        Reply again = http.post("/v1/customers/cus_new", Map.of("metadata[plan]", "pro"), "key-1");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(sandbox.customer("cus_new").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void aRequestRefusedBeforeItRanLeavesNothingBehind() {
        Reply invalid = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "x".repeat(501)), "key-1");
        sandbox.limitRequestsPerSecond(1);
        http.get("/v1/customers/cus_ada");
        Reply throttled = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "key-2");
        sandbox.limitRequestsPerSecond(100);

        Reply fixed = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "key-1");
        Reply afterThrottling = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "key-2");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.header("Idempotent-Replayed")).isNull();
        assertThat(afterThrottling.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void anAnswerLostOnTheWayIsReplayedToTheRetryAndTheWriteRunsOnce() {
        sandbox.loseNextAnswers(1);
        // the JDK client may resend on its own when a connection breaks; either way the second answer is a replay
        Reply answered = retryUntilAnswered(Map.of("metadata[plan]", "pro"));

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(sandbox.requests()).filteredOn(request -> !request.replayed()).hasSize(1);
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata()).containsEntry("plan", "pro");
    }

    private static Reply retryUntilAnswered(Map<String, String> form) {
        try {
            return http.post("/v1/customers/cus_ada", form, "key-lost");
        } catch (java.io.UncheckedIOException connectionBroken) {
            return http.post("/v1/customers/cus_ada", form, "key-lost");
        }
    }
}
