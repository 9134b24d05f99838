package io.sluice.destinations.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.sandbox.slack.SlackSandbox;

/** Sluice's own alerts, through the same client and configuration as Slack syncs. */
class SlackNotifierTest extends SlackTokenModeContext {

    @Autowired
    SlackNotifier notifier;

    @Test
    void aTextIsPostedToTheAlertChannelWithTheBotToken() {
        notifier.post("Sync *customer_360* failed: warehouse unreachable");

        assertThat(SLACK.messages("#sluice-alerts")).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("Sync *customer_360* failed: warehouse unreachable");
            assertThat(message.blocks()).isEmpty();
        });
        assertThat(posts()).singleElement().satisfies(post -> assertThat(post.headers())
                .containsEntry("authorization", "Bearer " + SlackSandbox.DEMO_BOT_TOKEN));
    }

    @Test
    void blocksArePostedAsGiven() {
        notifier.post("3 dead letters", List.of(
                Map.of("type", "header", "text", Map.of("type", "plain_text", "text", "Dead letters")),
                Map.of("type", "section", "block_id", "count",
                        "text", Map.of("type", "mrkdwn", "text", "*3* records of `enriched_leads`"))));

        assertThat(SLACK.messages("#sluice-alerts")).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("3 dead letters");
            assertThat(message.blocks()).hasSize(2);
            assertThat(message.blocks().get(1).path("block_id").asText()).isEqualTo("count");
            assertThat(message.blocks().get(1).path("text").path("text").asText())
                    .isEqualTo("*3* records of `enriched_leads`");
        });
    }

    @Test
    void slacksRefusalsReachTheCallerClassified() {
        SLACK.answerNextPostsWith(1, "invalid_auth");
        assertThatThrownBy(() -> notifier.post("a")).isInstanceOfSatisfying(DeliveryException.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo("invalid_auth");
            assertThat(failure.isTransient()).isFalse();
        });

        SLACK.failNextPosts(1, 503);
        assertThatThrownBy(() -> notifier.post("b")).isInstanceOfSatisfying(DeliveryException.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo("service_unavailable");
            assertThat(failure.isTransient()).isTrue();
        });

        SLACK.failNextPosts(1, 429);
        assertThatThrownBy(() -> notifier.post("c")).isInstanceOfSatisfying(RateLimitedException.class, failure ->
                assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

        SLACK.archiveChannel("#sluice-alerts");
        assertThatThrownBy(() -> notifier.post("d")).isInstanceOfSatisfying(DeliveryException.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo("is_archived");
            assertThat(failure.getMessage()).contains("#sluice-alerts");
        });

        assertThat(SLACK.messages()).isEmpty();
    }

    @Test
    void alertsShareTheChannelsThrottleWithSyncs() {
        warmUp("#sluice-alerts");
        notifier.post("first");
        notifier.post("second");

        assertThat(SLACK.messages("#sluice-alerts")).hasSize(2);
        assertThat(Duration.between(SLACK.messages().get(0).receivedAt(), SLACK.messages().get(1).receivedAt()))
                .isGreaterThan(CLIENT_PERIOD.dividedBy(2));
        assertThat(posts()).extracting(SlackSandbox.RecordedRequest::status).containsExactly(200, 200);
    }
}
