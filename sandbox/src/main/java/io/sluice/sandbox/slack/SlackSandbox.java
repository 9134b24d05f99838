package io.sluice.sandbox.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxServer;
import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.TrafficLog;

/**
 * An in-memory fake of the parts of Slack Sluice uses, on loopback: the Web API's {@code auth.test} and
 * {@code chat.postMessage}, and one incoming webhook. It refuses what Slack refuses, in Slack's shapes — HTTP
 * 200 {@code "ok":false} errors from the Web API, plain-text statuses from the webhook, 429 with
 * {@code Retry-After} beyond about one message per second per channel — so a client that works against it has
 * been made to handle the real answers.
 *
 * <p>The workspace has the channels {@code #general} (where the webhook posts), {@code #sales} and
 * {@code #sluice-alerts}, and accepts the bot token {@link #DEMO_BOT_TOKEN}. The Web API's methods are under
 * {@code /api/} of {@link #baseUrl()}. {@code GET /sandbox} shows the messages to a person.
 */
public final class SlackSandbox extends SandboxServer {

    public static final String DEMO_BOT_TOKEN = "xoxb-0000-sluice-sandbox";
    /** The webhook's secret path, as Slack shapes them: team, bot and secret. */
    public static final String WEBHOOK_PATH = "/services/T000/B000/XXXX";
    public static final String VIA_WEB_API = "chat.postMessage";
    public static final String VIA_WEBHOOK = "incoming-webhook";

    /**
     * A message as the workspace holds it.
     *
     * @param channel   {@code #name}
     * @param ts        Slack's message id within the channel
     * @param text      the text, or null when only blocks were sent
     * @param blocks    the blocks as received, or an empty array
     * @param via       {@link #VIA_WEB_API} or {@link #VIA_WEBHOOK}
     */
    public record PostedMessage(String channel, String channelId, String ts, String text, JsonNode blocks, String via,
                                Instant receivedAt) {

        public PostedMessage {
            blocks = blocks == null ? JsonNodeFactory.instance.arrayNode() : blocks;
        }
    }

    /**
     * A request as it arrived and as it was answered (the {@code /sandbox} view is not recorded).
     *
     * @param headers   every header, by lower-case name (first value)
     * @param arguments the form, query or JSON arguments; non-text JSON values (blocks) as JSON text
     * @param error     Slack's error code ({@code "ok":false} or the webhook's text), or null on success
     */
    public record RecordedRequest(String method, String path, Map<String, String> headers,
                                  Map<String, String> arguments, int status, String error) {
    }

    private final Workspace workspace;
    private final TrafficLog<RecordedRequest> traffic;
    private final FaultSwitch<Integer> httpFaults = new FaultSwitch<>();
    private final FaultSwitch<String> errorAnswers = new FaultSwitch<>();
    private final ChannelRateLimiter rateLimiter;

    private SlackSandbox(int port, Clock clock) {
        super("Slack", port);
        this.workspace = new Workspace(clock);
        this.traffic = new TrafficLog<>(clock);
        this.rateLimiter = new ChannelRateLimiter(clock);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        serve(WebApi.PATH, new WebApi(Set.of(DEMO_BOT_TOKEN), workspace, traffic, httpFaults, errorAnswers,
                rateLimiter, json));
        serve(IncomingWebhook.PATH, new IncomingWebhook(WEBHOOK_PATH, Workspace.DEFAULT_CHANNELS.get(0), workspace,
                traffic, httpFaults, rateLimiter, json));
        serve(SandboxView.PATH, new SlackView(workspace, json));
    }

    /** Starts a sandbox on 127.0.0.1; port 0 picks a free port. */
    public static SlackSandbox start(int port) {
        return start(port, Clock.systemUTC());
    }

    /** With a clock of the test's choosing, for the per-channel rate limit. */
    static SlackSandbox start(int port, Clock clock) {
        return listening(new SlackSandbox(port, clock));
    }

    public String webhookUrl() {
        return baseUrl() + WEBHOOK_PATH;
    }

    /** Every message posted, oldest first. */
    public List<PostedMessage> messages() {
        return workspace.messages();
    }

    /** @param channel {@code #name}, {@code name} or channel ID */
    public List<PostedMessage> messages(String channel) {
        String id = workspace.find(channel).map(Workspace.Channel::id)
                .orElseThrow(() -> new IllegalArgumentException("The sandbox has no channel " + channel));
        return workspace.messages().stream().filter(message -> message.channelId().equals(id)).toList();
    }

    /** Every call to the Web API and the webhook, oldest first. */
    public List<RecordedRequest> requests() {
        return traffic.all();
    }

    /** A channel the bot is a member of (or makes it one). */
    public void addChannel(String name) {
        workspace.add(name, true);
    }

    /** A channel the bot was never invited to: {@code chat.postMessage} answers {@code not_in_channel}. */
    public void addChannelWithoutBot(String name) {
        workspace.add(name, false);
    }

    /** Posts answer {@code is_archived} (Web API) or 410 {@code channel_is_archived} (webhook). */
    public void archiveChannel(String name) {
        workspace.archive(name);
    }

    /** Posts answer {@code channel_not_found} (Web API) or 404 {@code channel_not_found} (webhook). */
    public void deleteChannel(String name) {
        workspace.delete(name);
    }

    /**
     * Answers the next {@code count} messages posted (Web API or webhook) with {@code httpStatus}, unprocessed,
     * in the shape of the path: a JSON error from the Web API, Slack's plain-text code from the webhook (403
     * {@code action_prohibited}, 404 {@code channel_not_found}, 410 {@code channel_is_archived}, 5xx
     * {@code rollup_error}, ...). A 429 carries {@code Retry-After: 1}.
     */
    public void failNextPosts(int count, int httpStatus) {
        httpFaults.failNext(count, FaultSwitch.errorStatus(httpStatus));
    }

    /** Answers the next {@code count} {@code chat.postMessage} calls with HTTP 200 and {@code "ok":false, error}. */
    public void answerNextPostsWith(int count, String error) {
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("Expected an error code");
        }
        errorAnswers.failNext(count, error);
    }

    /** Posts per channel allowed within {@code period}; Slack's own is about one per second. */
    public void setChannelRateLimit(int messages, Duration period) {
        if (messages < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("Expected at least one message per positive period");
        }
        rateLimiter.setLimit(messages, period);
    }

    /** Back to a fresh workspace: default channels, no messages, requests or pending faults, Slack's rate limit. */
    public void reset() {
        workspace.reset();
        traffic.clear();
        httpFaults.reset();
        errorAnswers.reset();
        rateLimiter.reset();
    }
}
