package io.sluice.destinations.slack;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.sluice.alerts.Alert;
import io.sluice.alerts.AlertChannel;
import io.sluice.alerts.AlertProperties;
import io.sluice.destinations.RateLimitedException;

/** Alerts in the Slack alert channel, through the Slack destination's own client and throttle. */
@Component
@ConditionalOnProperty(name = "sluice.alerts.slack.enabled", havingValue = "true", matchIfMissing = true)
class SlackAlertChannel implements AlertChannel {

    private final SlackNotifier notifier;
    private final int attempts;

    SlackAlertChannel(SlackNotifier notifier, AlertProperties properties) {
        this.notifier = notifier;
        this.attempts = properties.slack().attempts();
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void send(Alert alert) {
        String text = text(alert);
        for (int attempt = 1; ; attempt++) {
            try {
                notifier.post(text);
                return;
            } catch (RateLimitedException throttled) {
                // the alert channel is shared with Slack syncs: a burst there must not swallow an alert
                if (attempt >= attempts) {
                    throw throttled;
                }
                waitFor(throttled);
            }
        }
    }

    private static void waitFor(RateLimitedException throttled) {
        try {
            Thread.sleep(throttled.retryAfter() == null ? 1000 : throttled.retryAfter().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw throttled;
        }
    }

    static String text(Alert alert) {
        String sync = "*" + SlackNotifier.escape(alert.sync()) + "*";
        return switch (alert.state()) {
            case ALERT -> ":rotating_light: " + sync + " " + alert.kind() + ": " + SlackNotifier.escape(alert.message());
            case RECOVERED -> ":white_check_mark: " + sync + " recovered from " + alert.kind() + ": "
                    + SlackNotifier.escape(alert.message());
        };
    }
}
