package io.sluice.sandbox.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Talks to a sandbox the way a plain HTTP client of Slack would. */
final class SlackSandboxHttp {

    record Reply(int status, JsonNode body, String text, HttpHeaders headers) {

        String error() {
            return body.path("error").asText(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final SlackSandbox sandbox;

    SlackSandboxHttp(SlackSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Form-encoded, the token as {@code Authorization: Bearer} (or none when null), as the Java SDK sends. */
    Reply form(String method, String token, Map<String, String> arguments) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(arguments)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** JSON, with whatever Authorization header is given (none when null). */
    Reply json(String method, String authorization, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/" + method))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Reply postMessage(Map<String, String> arguments) {
        return form("chat.postMessage", SlackSandbox.DEMO_BOT_TOKEN, arguments);
    }

    Reply webhook(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET());
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                    ? mapper.readTree(response.body())
                    : MissingNode.getInstance();
            return new Reply(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> arguments) {
        return arguments.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
