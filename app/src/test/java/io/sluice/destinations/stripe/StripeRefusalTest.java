package io.sluice.destinations.stripe;

import static io.sluice.destinations.stripe.RefusalFixture.WAIT;
import static io.sluice.destinations.stripe.RefusalFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import com.stripe.exception.ApiConnectionException;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.destinations.RecordOutcome;

/** Which of Stripe's answers fail the record, which the call, and which are worth another try. */
class StripeRefusalTest {

    @Test
    void aRefusalOfTheRecordKeepsStripesBodyAndRequestId() {
        String body = "{\"error\":{\"code\":\"resource_missing\",\"message\":\"No such customer: 'cus_x'\","
                + "\"param\":\"id\",\"type\":\"invalid_request_error\"}}";

        RecordOutcome outcome = refusal(404, "resource_missing", body, Map.of()).outcome();

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.errorCode()).isEqualTo("resource_missing");
        assertThat(outcome.errorMessage()).isEqualTo("Stripe answered HTTP 404 (req_123): " + body);
    }

    @Test
    void throttlingWaitsAsAskedOrASecond() {
        assertThatThrownBy(() -> refusal(429, "rate_limit", "{}", Map.of()).outcome())
                .isInstanceOfSatisfying(RateLimitedException.class, limited -> {
                    assertThat(limited.errorCode()).isEqualTo("rate_limit");
                    assertThat(limited.retryAfter()).isEqualTo(WAIT);
                });
        assertThatThrownBy(() -> refusal(429, "rate_limit", "{}", Map.of("Retry-After", "3")).outcome())
                .isInstanceOfSatisfying(RateLimitedException.class,
                        limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void outagesConflictsAndLostConnectionsAreRetried() {
        assertTransient(refusal(503, null, "{}", Map.of()), true);
        assertTransient(refusal(409, "lock_timeout", "{}", Map.of()), true);
        assertTransient(StripeRefusal.of(new ApiConnectionException("Connection reset"), WAIT), true);
    }

    @Test
    void stripesRetryHintOverridesTheStatus() {
        assertTransient(refusal(500, null, "{}", Map.of("Stripe-Should-Retry", "false")), false);
        assertTransient(refusal(400, "lock_timeout", "{}", Map.of("Stripe-Should-Retry", "true")), true);
    }

    @Test
    void aRefusedKeyFailsTheWholeCallForGood() {
        assertTransient(refusal(401, null, "{\"error\":{\"message\":\"Invalid API Key provided\"}}", Map.of()), false);
    }

    @Test
    void aLostConnectionSaysStripeAnsweredNothing() {
        StripeRefusal lost = StripeRefusal.of(new ApiConnectionException("Connection reset"), WAIT);

        assertThatThrownBy(lost::outcome).isInstanceOfSatisfying(DeliveryException.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo("api_connection_error");
            assertThat(failure.getMessage()).isEqualTo("Stripe answered nothing: Connection reset");
        });
    }

    @Test
    void aRememberedAnswerNamesTheRequestItCameFrom() {
        StripeRefusal replayed = refusal(404, "resource_missing", "{}",
                Map.of("Idempotent-Replayed", "true", "Original-Request", "req_first"));

        assertThat(replayed.replayedFrom()).contains("req_first");
        assertThat(replayed.resourceMissing()).isTrue();
        assertThat(refusal(404, "resource_missing", "{}", Map.of()).replayedFrom()).isEmpty();
    }

    private static void assertTransient(StripeRefusal refusal, boolean expected) {
        assertThatThrownBy(refusal::outcome).isExactlyInstanceOf(DeliveryException.class)
                .satisfies(failure -> assertThat(((DeliveryException) failure).isTransient()).isEqualTo(expected));
    }
}
