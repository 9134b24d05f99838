package io.sluice.destinations.slack;

/**
 * Where and how Sluice reaches Slack. The demo replaces this bean with one pointing at the local sandbox.
 *
 * @param baseUrl    server of the Web API, without {@code /api}
 * @param token      bot token, or null in webhook mode
 * @param webhookUrl incoming-webhook URL, or null in token mode
 */
public record SlackConnection(String baseUrl, String token, String webhookUrl) {

    public enum Mode {
        /** {@code chat.postMessage} with a bot token: any channel the bot is a member of. */
        TOKEN,
        /** An incoming webhook: only the channel it was created for. */
        WEBHOOK,
        /** Neither is configured: Slack syncs are refused at load. */
        NONE
    }

    public Mode mode() {
        if (token != null && !token.isBlank()) {
            return Mode.TOKEN;
        }
        return webhookUrl != null && !webhookUrl.isBlank() ? Mode.WEBHOOK : Mode.NONE;
    }

    /**
     * For checking sync files away from the deployment that runs them: a webhook (and no token) is checked as
     * such; anything else as a bot token, which allows the most.
     */
    public SlackConnection withStandIn() {
        return mode() == Mode.WEBHOOK ? this : new SlackConnection(baseUrl, "stand-in", null);
    }

    /** Never prints the credentials: this record ends up in logs and failure messages. */
    @Override
    public String toString() {
        return "SlackConnection[" + mode() + (mode() == Mode.TOKEN ? " at " + baseUrl : "") + "]";
    }
}
