package io.sluice.sandbox.slack;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxExchanges;
import io.sluice.sandbox.SandboxHandler;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.slack.MessageRules.Refusal;
import io.sluice.sandbox.slack.SlackSandbox.RecordedRequest;
import io.sluice.sandbox.slack.Workspace.Channel;

/**
 * An incoming webhook: {@code POST} a JSON message to its secret URL and it is posted to the one channel the
 * webhook was made for (a {@code channel} in the payload is ignored, as for app webhooks). Success is 200 with
 * the body {@code ok}; errors are plain text with a status.
 */
final class IncomingWebhook implements SandboxHandler {

    static final String PATH = "/services/";

    private final String webhookPath;
    private final String channelName;
    private final Workspace workspace;
    private final TrafficLog<RecordedRequest> traffic;
    private final FaultSwitch<Integer> httpFaults;
    private final ChannelRateLimiter rateLimiter;
    private final ObjectMapper json;

    /** @param channelName the channel the webhook was made for */
    IncomingWebhook(String webhookPath, String channelName, Workspace workspace, TrafficLog<RecordedRequest> traffic,
                    FaultSwitch<Integer> httpFaults, ChannelRateLimiter rateLimiter, ObjectMapper json) {
        this.webhookPath = webhookPath;
        this.channelName = channelName;
        this.workspace = workspace;
        this.traffic = traffic;
        this.httpFaults = httpFaults;
        this.rateLimiter = rateLimiter;
        this.json = json;
    }

    private record Answer(int status, String body, OptionalLong retryAfter) {

        static Answer of(int status, String body) {
            return new Answer(status, body, OptionalLong.empty());
        }
    }

    @Override
    public void handle(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode payload = parse(body);
        Answer answer = answer(exchange.getRequestURI().getPath(), payload);
        traffic.record(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                SandboxExchanges.headers(exchange), payload == null ? Map.of() : SlackArguments.fromJson(payload),
                answer.status(),
                answer.status() == 200 ? null : answer.body()));
        answer.retryAfter().ifPresent(seconds ->
                exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds)));
        SandboxExchanges.send(exchange, answer.status(), SandboxExchanges.TEXT, answer.body());
    }

    private Answer answer(String path, JsonNode payload) {
        if (!path.equals(webhookPath)) {
            return Answer.of(404, "no_service");
        }
        Optional<Integer> fault = httpFaults.take();
        if (fault.isPresent()) {
            return fault(fault.get());
        }
        if (payload == null) {
            return Answer.of(400, "invalid_payload");
        }
        Optional<Channel> found = workspace.find(channelName);
        if (found.isEmpty()) {
            return Answer.of(404, "channel_not_found");
        }
        Channel channel = found.get();
        if (channel.archived()) {
            return Answer.of(410, "channel_is_archived");
        }
        String text = payload.path("text").isTextual() ? payload.get("text").asText() : null;
        JsonNode blocks = payload.has("blocks") ? payload.get("blocks") : null;
        Optional<Refusal> refusal = MessageRules.check(text, blocks);
        if (refusal.isPresent()) {
            return Answer.of(400, refusal.get().error());
        }
        OptionalLong wait = rateLimiter.admit(channel.id());
        if (wait.isPresent()) {
            return new Answer(429, "rate_limited", wait);
        }
        workspace.post(channel, text, blocks, SlackSandbox.VIA_WEBHOOK);
        return Answer.of(200, "ok");
    }

    private static Answer fault(int status) {
        return switch (status) {
            case 400 -> Answer.of(400, "invalid_payload");
            case 403 -> Answer.of(403, "action_prohibited");
            case 404 -> Answer.of(404, "channel_not_found");
            case 410 -> Answer.of(410, "channel_is_archived");
            case 429 -> new Answer(429, "rate_limited", OptionalLong.of(1));
            default -> Answer.of(status, status >= 500 ? "rollup_error" : "invalid_payload");
        };
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode payload = json.readTree(body);
            return payload != null && payload.isObject() ? payload : null;
        } catch (IOException e) {
            return null;
        }
    }
}
