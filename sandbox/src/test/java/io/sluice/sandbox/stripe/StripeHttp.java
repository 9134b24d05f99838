package io.sluice.sandbox.stripe;

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

/** Talks to a sandbox the way a plain HTTP client of Stripe would: form bodies, Bearer keys, idempotency keys. */
final class StripeHttp {

    record Reply(int status, JsonNode body, HttpHeaders headers) {

        JsonNode error() {
            return body.path("error");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final StripeSandbox sandbox;

    StripeHttp(StripeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Reply post(String path, Map<String, String> form, String idempotencyKey) {
        return post(path, form, idempotencyKey, "Bearer " + sandbox.apiKey());
    }

    Reply post(String path, Map<String, String> form, String idempotencyKey, String authorization) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path, authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    Reply get(String pathAndQuery) {
        return send(request(pathAndQuery, "Bearer " + sandbox.apiKey()).GET());
    }

    Reply put(String path, String json) {
        return send(request(path, null).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    String text(String path) {
        try {
            return client.send(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            JsonNode body = json ? mapper.readTree(response.body()) : mapper.getNodeFactory().textNode(response.body());
            return new Reply(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
