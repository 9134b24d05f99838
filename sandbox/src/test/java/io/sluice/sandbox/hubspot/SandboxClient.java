package io.sluice.sandbox.hubspot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Talks to a sandbox the way a plain HTTP client of HubSpot's CRM API would. */
final class SandboxClient {

    record Reply(int status, JsonNode body, String text, HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final HubSpotSandbox sandbox;

    SandboxClient(HubSpotSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Reply upsert(String objectType, List<Map<String, Object>> inputs) {
        return post("/crm/v3/objects/" + objectType + "/batch/upsert", Map.of("inputs", inputs));
    }

    Reply archive(String objectType, List<String> ids) {
        return post("/crm/v3/objects/" + objectType + "/batch/archive",
                Map.of("inputs", ids.stream().map(id -> Map.of("id", id)).toList()));
    }

    Reply post(String path, Object body) {
        return send("POST", path, "Bearer " + sandbox.token(), json(body));
    }

    Reply send(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET());
    }

    /** An input upserting a contact by e-mail address. */
    static Map<String, Object> contact(String email, Object... propertiesAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < propertiesAndValues.length; i += 2) {
            properties.put((String) propertiesAndValues[i], propertiesAndValues[i + 1]);
        }
        return input(email, "email", properties);
    }

    static Map<String, Object> input(String id, String idProperty, Map<String, Object> properties) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", id);
        input.put("idProperty", idProperty);
        input.put("properties", properties);
        return input;
    }

    static List<Map<String, Object>> contacts(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> contact("c" + i + "@example.com", "firstname", "C" + i))
                .toList();
    }

    String json(Object value) {
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
                    ? mapper.readTree(response.body()) : MissingNode.getInstance();
            return new Reply(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
