package io.sluice.destinations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.webhook.WebhookResponse;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;

/**
 * The failures camel-slack raises, built the way camel-slack 4.17 builds them ({@code SlackProducer}); the wire
 * tests prove the same against the sandbox. Should a camel-slack upgrade change these shapes, this fails first.
 */
class SlackErrorsTest {

    private final SlackErrors errors = new SlackErrors(new SlackProperties(null, null, "https://slack.com",
            "#sluice-alerts", 1, Duration.ofMillis(1500), java.util.Map.of()));

    @Test
    void okFalseAboutTheMessageRefusesOnlyThatMessage() {
        DeliveryException failure = errors.classify(webApi("not_in_channel", null), "#deals");

        assertThat(failure).isInstanceOf(SlackMessageRefused.class);
        assertThat(failure.errorCode()).isEqualTo("not_in_channel");
        assertThat(failure.getMessage())
                .isEqualTo("chat.postMessage to #deals answered ok:false, error not_in_channel");
    }

    @Test
    void invalidBlocksKeepSlacksDetails() {
        DeliveryException failure = errors.classify(webApi("invalid_blocks",
                List.of("must be more than 0 characters [json-pointer:/blocks/0/text/text]")), "#sales");

        assertThat(failure).isInstanceOf(SlackMessageRefused.class);
        assertThat(failure.getMessage()).endsWith(
                "error invalid_blocks [must be more than 0 characters [json-pointer:/blocks/0/text/text]]");
    }

    @Test
    void okFalseAboutTheTokenOrAppFailsEveryCallForGood() {
        for (String error : List.of("invalid_auth", "missing_scope", "account_inactive", "token_revoked")) {
            DeliveryException failure = errors.classify(webApi(error, null), "#sales");
            assertThat(failure).isNotInstanceOf(SlackMessageRefused.class);
            assertThat(failure.isTransient()).as(error).isFalse();
            assertThat(failure.errorCode()).isEqualTo(error);
        }
    }

    @Test
    void okFalseAboutSlacksOwnTroubleIsTransientAndRatelimitedWaitsAWindow() {
        assertThat(errors.classify(webApi("fatal_error", null), "#sales").isTransient()).isTrue();
        assertThat(errors.classify(webApi("ratelimited", null), "#sales"))
                .isInstanceOfSatisfying(RateLimitedException.class, throttled ->
                        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
    }

    @Test
    void webhookStatusesAreReadFromTheResponseCamelSlackDescribes() {
        assertThat(errors.classify(webhook(400, "no_text", Map.of()), "#general"))
                .isInstanceOfSatisfying(SlackMessageRefused.class, refused -> {
                    assertThat(refused.errorCode()).isEqualTo("no_text");
                    assertThat(refused.getMessage())
                            .isEqualTo("The incoming webhook for #general answered HTTP 400: no_text");
                });
        DeliveryException prohibited = errors.classify(webhook(403, "action_prohibited", Map.of()), "#general");
        assertThat(prohibited).isNotInstanceOf(SlackMessageRefused.class);
        assertThat(prohibited.isTransient()).isFalse();
        assertThat(prohibited.errorCode()).isEqualTo("action_prohibited");
        assertThat(errors.classify(webhook(500, "rollup_error", Map.of()), "#general").isTransient()).isTrue();
        assertThat(errors.classify(webhook(429, "rate_limited", Map.of("retry-after", List.of("7"))), "#general"))
                .isInstanceOfSatisfying(RateLimitedException.class, throttled ->
                        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(errors.classify(webhook(503, "<html>Service Unavailable</html>", Map.of()), "#general")
                .errorCode()).isEqualTo("HTTP_503");
    }

    @Test
    void noAnswerIsTransient() {
        DeliveryException failure = errors.classify(new ConnectException("Connection refused"), "#sales");

        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.errorCode()).isEqualTo("NO_RESPONSE");
    }

    @Test
    void anythingElseIsKeptWholeAndNotRetried() {
        DeliveryException failure = errors.classify(new CamelExchangeException("something new",
                new DefaultExchange(new DefaultCamelContext())), "#sales");

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.errorCode()).isEqualTo("UNEXPECTED_SLACK_ERROR");
        assertThat(failure.getMessage()).contains("something new");
    }

    private static CamelExchangeException webApi(String error, List<String> details) {
        ChatPostMessageResponse response = new ChatPostMessageResponse();
        response.setOk(false);
        response.setError(error);
        response.setErrors(details);
        response.setHttpResponseHeaders(Map.of("content-type", List.of("application/json")));
        return camelSlackFailure(response.toString());
    }

    private static CamelExchangeException webhook(int status, String body, Map<String, List<String>> headers) {
        return camelSlackFailure(WebhookResponse.builder().code(status).message("").headers(headers).body(body).build()
                .toString());
    }

    private static CamelExchangeException camelSlackFailure(String response) {
        return new CamelExchangeException("Error POSTing to Slack API: " + response,
                new DefaultExchange(new DefaultCamelContext()));
    }
}
