package io.sluice.destinations.slack;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.sluice.destinations.RateLimit;

/**
 * Everything under {@code sluice.slack.*}. Set either a bot token (Web API {@code chat.postMessage}, any
 * channel the bot is in) or an incoming-webhook URL (one channel, fixed by the webhook).
 *
 * @param token              bot token ({@code xoxb-...}); takes precedence over the webhook
 * @param webhookUrl         incoming-webhook URL ({@code https://hooks.slack.com/services/T.../B.../...})
 * @param baseUrl            server of the Web API (camel-slack's {@code serverUrl}); methods live under {@code /api/}
 * @param alertChannel       where {@link SlackNotifier} posts in token mode
 * @param messagesPerChannel messages Sluice sends to one channel per {@code channelPeriod}: Slack allows about
 *                           one per second per channel and answers 429 beyond
 * @param channelPeriod      the window of {@code messagesPerChannel}; also the wait after a 429 without Retry-After
 */
@Validated
@ConfigurationProperties("sluice.slack")
record SlackProperties(String token,
                       String webhookUrl,
                       @NotBlank @DefaultValue("https://slack.com") String baseUrl,
                       @NotBlank @DefaultValue("#sluice-alerts") String alertChannel,
                       @Min(1) @DefaultValue("1") int messagesPerChannel,
                       @NotNull @DefaultValue("1s") Duration channelPeriod) {

    /** How fast Sluice posts to any one channel. */
    RateLimit perChannel() {
        return new RateLimit(messagesPerChannel, channelPeriod);
    }
}
