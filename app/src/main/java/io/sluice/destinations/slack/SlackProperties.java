package io.sluice.destinations.slack;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
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
 * @param connections        further workspaces (or webhooks) by name, for sync files saying {@code connection: <name>}:
 *                           each with its own credential, its messages paced per channel on their own
 */
@Validated
@ConfigurationProperties("sluice.slack")
record SlackProperties(String token,
                       String webhookUrl,
                       @NotBlank @DefaultValue("https://slack.com") String baseUrl,
                       @NotBlank @DefaultValue("#sluice-alerts") String alertChannel,
                       @Min(1) @DefaultValue("1") int messagesPerChannel,
                       @NotNull @DefaultValue("1s") Duration channelPeriod,
                       @Valid @NotNull @DefaultValue Map<String, Connection> connections) {

    /** The named connections, as the destination uses them. */
    Map<String, SlackConnection> namedConnections() {
        Map<String, SlackConnection> named = new TreeMap<>();
        connections.forEach((name, connection) -> named.put(name,
                new SlackConnection(connection.baseUrl(), connection.token(), connection.webhookUrl())));
        return named;
    }

    /** Never a credential: configuration ends up in logs and failure messages. */
    @Override
    public String toString() {
        return "SlackProperties[" + new SlackConnection(baseUrl, token, webhookUrl) + ", alertChannel=" + alertChannel
                + ", perChannel=" + perChannel() + ", connections=" + namedConnections() + "]";
    }

    /**
     * One more workspace, as {@code sluice.slack.token}, {@code .webhook-url} and {@code .base-url} describe the
     * default one.
     *
     * @param token      its bot token ({@code xoxb-...}); takes precedence over the webhook
     * @param webhookUrl its incoming-webhook URL
     * @param baseUrl    its Web API server
     */
    record Connection(String token, String webhookUrl, @NotBlank @DefaultValue("https://slack.com") String baseUrl) {

        @Override
        public String toString() {
            return new SlackConnection(baseUrl, token, webhookUrl).toString();
        }
    }

    /** How fast Sluice posts to any one channel. */
    RateLimit perChannel() {
        return new RateLimit(messagesPerChannel, channelPeriod);
    }
}
