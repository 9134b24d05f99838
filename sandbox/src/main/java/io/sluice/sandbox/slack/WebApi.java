package io.sluice.sandbox.slack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxExchanges;
import io.sluice.sandbox.SandboxHandler;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.slack.MessageRules.Refusal;
import io.sluice.sandbox.slack.SlackSandbox.PostedMessage;
import io.sluice.sandbox.slack.SlackSandbox.RecordedRequest;
import io.sluice.sandbox.slack.Workspace.Channel;

/**
 * The Web API methods Sluice uses, under {@code /api/}: {@code auth.test} and {@code chat.postMessage}.
 * Arguments come form-encoded or as JSON (plus the query string); the token as {@code Authorization: Bearer}
 * or, form-encoded only, as a {@code token} argument. Errors are HTTP 200 with {@code "ok":false}, except
 * throttling (429 with {@code Retry-After}) and unknown methods (404).
 */
final class WebApi implements SandboxHandler {

    static final String PATH = "/api/";
    static final String TEAM_ID = "T000";
    static final String BOT_ID = "B000";
    static final String BOT_USER_ID = "U000";

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer\\s+(\\S+)");

    private final Set<String> tokens;
    private final Workspace workspace;
    private final TrafficLog<RecordedRequest> traffic;
    private final FaultSwitch<Integer> httpFaults;
    private final FaultSwitch<String> errorAnswers;
    private final ChannelRateLimiter rateLimiter;
    private final ObjectMapper json;

    /** @param errorAnswers {@code "ok":false} answers for the next messages posted, as HTTP 200 */
    WebApi(Set<String> tokens, Workspace workspace, TrafficLog<RecordedRequest> traffic,
           FaultSwitch<Integer> httpFaults, FaultSwitch<String> errorAnswers, ChannelRateLimiter rateLimiter,
           ObjectMapper json) {
        this.tokens = tokens;
        this.workspace = workspace;
        this.traffic = traffic;
        this.httpFaults = httpFaults;
        this.errorAnswers = errorAnswers;
        this.rateLimiter = rateLimiter;
        this.json = json;
    }

    /** What the method answers: an HTTP status, the JSON body, and for a 429 the seconds to wait. */
    private record Answer(int status, ObjectNode body, OptionalLong retryAfter) {

        String error() {
            return body.path("ok").asBoolean() ? null : body.path("error").asText(null);
        }
    }

    /** The call's arguments and token, or why its body could not be read. */
    private record Call(Map<String, String> arguments, String token, String unreadable) {
    }

    @Override
    public void handle(HttpExchange exchange, byte[] body) throws IOException {
        String method = exchange.getRequestURI().getPath().substring(PATH.length());
        Call call = read(exchange, body);
        Answer answer = answer(method, call);
        traffic.record(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                SandboxExchanges.headers(exchange), call.arguments(), answer.status(), answer.error()));
        answer.retryAfter().ifPresent(seconds ->
                exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds)));
        SandboxExchanges.send(exchange, answer.status(), SandboxExchanges.JSON, json.writeValueAsString(answer.body()));
    }

    private Answer answer(String method, Call call) {
        return switch (method) {
            case "auth.test" -> authenticated(call).orElseGet(this::authTest);
            case "chat.postMessage" -> authenticated(call).orElseGet(() -> postMessage(call));
            default -> new Answer(404, error("unknown_method").put("req_method", method), OptionalLong.empty());
        };
    }

    /** Empty when the call may proceed; otherwise Slack's answer to a bad or missing token or body. */
    private Optional<Answer> authenticated(Call call) {
        if (call.unreadable() != null) {
            return Optional.of(ok(error(call.unreadable())));
        }
        if (call.token() == null) {
            return Optional.of(ok(error("not_authed")));
        }
        return tokens.contains(call.token()) ? Optional.empty() : Optional.of(ok(error("invalid_auth")));
    }

    private Answer authTest() {
        ObjectNode body = json.createObjectNode().put("ok", true)
                .put("url", "https://sluice-sandbox.slack.com/").put("team", "Sluice Sandbox").put("user", "sluice")
                .put("team_id", TEAM_ID).put("user_id", BOT_USER_ID).put("bot_id", BOT_ID)
                .put("is_enterprise_install", false);
        return ok(body);
    }

    private Answer postMessage(Call call) {
        Optional<Integer> fault = httpFaults.take();
        if (fault.isPresent()) {
            return httpFault(fault.get());
        }
        Optional<String> injected = errorAnswers.take();
        if (injected.isPresent()) {
            return ok(error(injected.get()));
        }
        Optional<Channel> found = workspace.find(call.arguments().get("channel"));
        if (found.isEmpty()) {
            return ok(error("channel_not_found"));
        }
        Channel channel = found.get();
        if (channel.archived()) {
            return ok(error("is_archived"));
        }
        if (!channel.botIsMember()) {
            return ok(error("not_in_channel"));
        }
        String text = call.arguments().get("text");
        JsonNode blocks = null;
        if (call.arguments().containsKey("blocks")) {
            try {
                blocks = json.readTree(call.arguments().get("blocks"));
            } catch (IOException e) {
                return ok(error("invalid_blocks_format"));
            }
        }
        Optional<Refusal> refusal = MessageRules.check(text, blocks);
        if (refusal.isPresent()) {
            ObjectNode body = error(refusal.get().error());
            if (!refusal.get().details().isEmpty()) {
                refusal.get().details().forEach(body.putArray("errors")::add);
            }
            return ok(body);
        }
        OptionalLong wait = rateLimiter.admit(channel.id());
        if (wait.isPresent()) {
            return new Answer(429, error("ratelimited"), wait);
        }
        PostedMessage posted = workspace.post(channel, text, blocks, SlackSandbox.VIA_WEB_API);
        ObjectNode message = json.createObjectNode().put("type", "message").put("subtype", "bot_message")
                .put("text", text == null ? "" : text).put("user", BOT_USER_ID).put("bot_id", BOT_ID)
                .put("team", TEAM_ID).put("ts", posted.ts());
        if (blocks != null) {
            message.set("blocks", blocks);
        }
        ObjectNode body = json.createObjectNode().put("ok", true).put("channel", channel.id()).put("ts", posted.ts());
        body.set("message", message);
        return ok(body);
    }

    private Answer httpFault(int status) {
        String error = switch (status) {
            case 429 -> "ratelimited";
            case 500 -> "internal_error";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "fatal_error" : "invalid_request";
        };
        return new Answer(status, error(error), status == 429 ? OptionalLong.of(1) : OptionalLong.empty());
    }

    private Call read(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, String> arguments = new LinkedHashMap<>(
                SandboxExchanges.parseForm(exchange.getRequestURI().getRawQuery()));
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                .toLowerCase(Locale.ROOT);
        String unreadable = null;
        boolean tokenArgumentAllowed = true;
        if (contentType.startsWith("application/json")) {
            // a JSON body is not searched for a token: Slack takes it only from the Authorization header then
            tokenArgumentAllowed = false;
            try {
                JsonNode root = json.readTree(body);
                if (root == null || !root.isObject()) {
                    unreadable = "invalid_json";
                } else {
                    arguments.putAll(SlackArguments.fromJson(root));
                }
            } catch (IOException e) {
                unreadable = "invalid_json";
            }
        } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            arguments.putAll(SandboxExchanges.parseForm(new String(body, StandardCharsets.UTF_8)));
        } else if (body.length > 0) {
            unreadable = "invalid_form_data";
        }
        Matcher bearer = BEARER.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String token = bearer.matches() ? bearer.group(1)
                : tokenArgumentAllowed ? arguments.get("token") : null;
        return new Call(arguments, token, unreadable);
    }

    private ObjectNode error(String error) {
        return json.createObjectNode().put("ok", false).put("error", error);
    }

    private static Answer ok(ObjectNode body) {
        return new Answer(200, body, OptionalLong.empty());
    }
}
