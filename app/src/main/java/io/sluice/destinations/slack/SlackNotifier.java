package io.sluice.destinations.slack;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;

/**
 * Posts Sluice's own messages (alerts about runs, dead letters, ...) to the alert channel
 * ({@code sluice.slack.alert-channel}; with an incoming webhook, the webhook's channel), through the same
 * client, credential and per-channel throttle as Slack syncs.
 *
 * <p>The text is Slack mrkdwn as given: {@link #escape} values you did not write.
 */
@Component
class SlackNotifier {

    private final ProducerTemplate producer;
    private final SlackMessages messages;
    private final SlackErrors errors;
    private final SlackConnection connection;
    private final String channel;

    SlackNotifier(ProducerTemplate producer, SlackMessages messages, SlackErrors errors, SlackConnection connection,
                  SlackProperties properties) {
        this.producer = producer;
        this.messages = messages;
        this.errors = errors;
        this.connection = connection;
        this.channel = properties.alertChannel();
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup; text quoted from elsewhere may contain them. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * @throws RateLimitedException when Slack asks to slow down, with the wait it asked for
     * @throws DeliveryException    when Slack refused the message or could not be reached; {@link
     *                              DeliveryException#isTransient()} tells whether trying later may help
     */
    void post(String text) {
        post(text, List.of());
    }

    /**
     * @param text   the notification text, shown where blocks cannot be
     * @param blocks Block Kit blocks, such as {@code Map.of("type", "section", "text", Map.of("type", "mrkdwn",
     *               "text", "*Sync failed*"))}
     */
    void post(String text, List<Map<String, Object>> blocks) {
        if (connection.mode() == SlackConnection.Mode.NONE) {
            throw new DeliveryException(false, "SLACK_NOT_CONFIGURED",
                    "Slack is not configured: set sluice.slack.token or sluice.slack.webhook-url", null);
        }
        Exchange sent = producer.send(SlackRoutes.POST, exchange -> messages.prepareMessage(exchange, channel, text,
                blocks));
        if (sent.getException() != null) {
            throw errors.classify(sent.getException(), channel);
        }
    }
}
