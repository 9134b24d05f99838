package io.sluice.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.slack.SlackSandboxHttp.Reply;
import io.sluice.sandbox.MutableClock;

class SlackSandboxRateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final SlackSandbox sandbox = SlackSandbox.start(0, clock);
    private final SlackSandboxHttp http = new SlackSandboxHttp(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aSecondMessageToAChannelWithinASecondIsRefusedWith429AndRetryAfter() {
        Reply first = post("#sales", "one");
        clock.advance(Duration.ofMillis(400));
        Reply second = post("#sales", "two");
        clock.advance(Duration.ofMillis(600));
        Reply third = post("#sales", "three");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.error()).isEqualTo("ratelimited");
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.status()).as("a second after the first, the window is free again").isEqualTo(200);
        assertThat(sandbox.messages()).extracting(SlackSandbox.PostedMessage::text).containsExactly("one", "three");
    }

    @Test
    void channelsAreLimitedEachOnTheirOwn() {
        assertThat(post("#sales", "a").status()).isEqualTo(200);
        assertThat(post("#general", "b").status()).isEqualTo(200);
        assertThat(post("#sluice-alerts", "c").status()).isEqualTo(200);
        assertThat(post("#sales", "d").status()).isEqualTo(429);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheWindowFrees() {
        sandbox.setChannelRateLimit(2, Duration.ofSeconds(10));
        post("#sales", "a");
        clock.advance(Duration.ofMillis(1500));
        post("#sales", "b");
        clock.advance(Duration.ofMillis(500));

        Reply refused = post("#sales", "c");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).as("8 s until the first leaves the window")
                .hasValue("8");
    }

    @Test
    void refusedMessagesDoNotCountAgainstTheLimit() {
        Reply invalid = http.postMessage(Map.of("channel", "#sales", "text", "x".repeat(40_001)));
        Reply valid = post("#sales", "fits");

        assertThat(invalid.error()).isEqualTo("msg_too_long");
        assertThat(valid.status()).isEqualTo(200);
    }

    @Test
    void theWebhookSharesTheLimitOfItsChannel() {
        assertThat(post("#general", "by the Web API").status()).isEqualTo(200);

        Reply webhook = http.webhook(SlackSandbox.WEBHOOK_PATH, "{\"text\":\"by the webhook\"}");

        assertThat(webhook.status()).isEqualTo(429);
        assertThat(webhook.text()).isEqualTo("rate_limited");
        assertThat(webhook.headers().firstValue("Retry-After")).hasValue("1");
    }

    private Reply post(String channel, String text) {
        return http.postMessage(Map.of("channel", channel, "text", text));
    }
}
