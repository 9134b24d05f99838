package io.sluice.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.sandbox.stripe.StripeHttp.Reply;

/** What every request passes before it runs: the secret key, injected faults, the rate limit; and the log. */
class StripeSandboxGatesTest extends StripeSandboxTestSupport {

    @Test
    void aMissingOrWrongKeyIsRefusedInStripesShape() {
        Reply missing = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1", null);
        Reply wrong = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-2",
                "Bearer sk_test_someone_elses_key");
        Reply basic = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-3",
                "Basic " + sandbox.apiKey());

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error().path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(missing.error().path("message").asText()).startsWith("You did not provide an API key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error().path("message").asText()).isEqualTo("Invalid API Key provided: sk_test_"
                + "*".repeat("someone_elses_key".length() - 4) + "_key");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void aRolledKeyStopsWorking() {
        String oldKey = sandbox.apiKey();
        sandbox.rollApiKey("sk_test_rolled");

        assertThat(http.post("/v1/customers/cus_ada", Map.of(), "k-1", "Bearer " + oldKey).status()).isEqualTo(401);
        assertThat(http.post("/v1/customers/cus_ada", Map.of(), "k-2", "Bearer sk_test_rolled").status())
                .isEqualTo(200);
        assertThatThrownBy(() -> sandbox.rollApiKey("sk_live_real")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void beyondTheRateLimitRequestsAreRefusedWith429AndRefusalsDoNotCount() {
        sandbox.limitRequestsPerSecond(2);

        List<Integer> statuses = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> http.get("/v1/customers/cus_ada").status()).toList();
        Reply throttled = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1");

        assertThat(statuses).containsExactly(200, 200, 429, 429);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.error().path("code").asText()).isEqualTo("rate_limit");
        assertThat(throttled.error().path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void injectedFailuresAnswerInStripesShapeThenTheApiWorksAgain() {
        sandbox.failNextRequests(2, 503);

        Reply first = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1");
        Reply second = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1");
        Reply third = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.error().path("type").asText()).isEqualTo("api_error");
        assertThat(first.header("Stripe-Should-Retry")).isNull();
        assertThat(second.status()).isEqualTo(503);
        // a failure in front of the API ran nothing: the key was free for the third attempt
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void anInjectedFailureCanCarryStripesRetryHint() {
        sandbox.failNextRequests(1, 500, false);

        Reply reply = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.header("Stripe-Should-Retry")).isEqualTo("false");
    }

    @Test
    void everyAnswerCarriesARequestIdAndEveryRequestIsRecorded() {
        sandbox.failNextRequests(1, 502);
        List<Reply> replies = List.of(
                http.post("/v1/customers/cus_ada", Map.of(), "k-0"),
                http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro", "name", "Ada"), "k-1"),
                http.get("/v1/customers?email=" + StripeHttp.encode("ada@example.com")),
                http.post("/v1/customers/cus_nobody", Map.of(), "k-2"),
                http.post("/v1/customers/cus_ada", Map.of(), "k-3", null));

        assertThat(replies).extracting(reply -> reply.header("Request-Id")).allMatch(id -> id.matches("req_\\w{14}"))
                .doesNotHaveDuplicates();
        assertThat(sandbox.requests()).extracting(StripeSandbox.RecordedRequest::status)
                .containsExactly(502, 200, 200, 404, 401);
        StripeSandbox.RecordedRequest update = sandbox.requests().get(1);
        assertThat(update.method()).isEqualTo("POST");
        assertThat(update.path()).isEqualTo("/v1/customers/cus_ada");
        assertThat(update.idempotencyKey()).isEqualTo("k-1");
        assertThat(update.apiKey()).isEqualTo(sandbox.apiKey());
        assertThat(update.params()).isEqualTo(Map.of("metadata[plan]", "pro", "name", "Ada"));
        assertThat(update.requestId()).isEqualTo(replies.get(1).header("Request-Id"));
        StripeSandbox.RecordedRequest list = sandbox.requests().get(2);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.idempotencyKey()).isNull();
        assertThat(list.params()).containsEntry("email", "ada@example.com");
        assertThat(sandbox.requests().get(4).apiKey()).isNull();
    }

    @Test
    void onlyTestModeKeysAreAccepted() {
        assertThatThrownBy(() -> StripeSandbox.start(0, "sk_live_real")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sk_test_");
    }
}
