package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.sluice.sandbox.salesforce.SalesforceSandbox.Credentials;

/** Talks to a sandbox the way a plain HTTP client of Salesforce would. */
final class SandboxHttp {

    static final String API = "/services/data/v62.0";

    record Reply(int status, JsonNode body, String text, HttpHeaders headers) {

        JsonNode error() {
            return body.get(0);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final SalesforceSandbox sandbox;

    SandboxHttp(SalesforceSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Reply token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + OAuthEndpoint.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Map<String, String> refreshGrant(Credentials credentials) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", credentials.clientId());
        form.put("client_secret", credentials.clientSecret());
        form.put("refresh_token", credentials.refreshToken());
        return form;
    }

    String login() {
        Reply reply = token(refreshGrant(Credentials.demo()));
        if (reply.status() != 200) {
            throw new IllegalStateException("Login failed: " + reply.body());
        }
        return reply.body().get("access_token").asText();
    }

    Reply call(String method, String pathAndQuery, String accessToken, Object jsonBody) {
        return callAuthorized(method, pathAndQuery, accessToken == null ? null : "Bearer " + accessToken, jsonBody);
    }

    Reply callAuthorized(String method, String pathAndQuery, String authorization, Object jsonBody) {
        return callRaw(method, pathAndQuery, authorization, jsonBody == null ? null : json(jsonBody));
    }

    Reply callRaw(String method, String pathAndQuery, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .header("Content-Type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Reply upsert(String accessToken, String objectName, String externalIdField, boolean allOrNone,
                 List<Map<String, Object>> records) {
        List<Map<String, Object>> typed = records.stream().map(record -> typed(objectName, record)).toList();
        return call("PATCH", API + "/composite/sobjects/" + objectName + "/" + externalIdField, accessToken,
                Map.of("allOrNone", allOrNone, "records", typed));
    }

    Reply delete(String accessToken, List<String> ids, boolean allOrNone) {
        return call("DELETE", API + "/composite/sobjects?ids=" + String.join(",", ids) + "&allOrNone=" + allOrNone,
                accessToken, null);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET());
    }

    Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Map<String, Object> typed(String objectName, Map<String, Object> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", objectName));
        record.putAll(fields);
        return record;
    }

    static Map<String, Object> lead(String email, String company) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("Email", email);
        lead.put("Company", company);
        lead.put("LastName", "Doe");
        return lead;
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
            JsonNode body = response.body().isEmpty() || !response.headers().firstValue("Content-Type")
                    .orElse("").startsWith("application/json")
                    ? MissingNode.getInstance()
                    : mapper.readTree(response.body());
            return new Reply(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
