package io.sluice.sandbox.hubspot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxExchanges;
import io.sluice.sandbox.SandboxHandler;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.sandbox.hubspot.Schema.ObjectType;

/**
 * Everything under {@code /crm/v3}: the gates every call passes (an injected fault, the private app
 * token, the burst and daily limits, in that order), then the batch, property and list membership endpoints. Every
 * authenticated answer carries the {@code X-HubSpot-RateLimit-*} headers.
 */
final class CrmApi implements SandboxHandler {

    static final String PATH = "/crm/v3/";

    private final String token;
    private final Schema schema;
    private final TrafficLog<RecordedRequest> traffic;
    private final FaultSwitch<Integer> faults;
    private final RateLimits limits;
    private final ObjectsApi objects;
    private final PropertiesApi properties;
    private final ListsApi lists;
    private final ObjectMapper mapper;

    CrmApi(String token, Schema schema, TrafficLog<RecordedRequest> traffic, FaultSwitch<Integer> faults,
           RateLimits limits, ObjectsApi objects, PropertiesApi properties, ListsApi lists, ObjectMapper mapper) {
        this.token = token;
        this.schema = schema;
        this.traffic = traffic;
        this.faults = faults;
        this.limits = limits;
        this.objects = objects;
        this.properties = properties;
        this.lists = lists;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange, byte[] body) throws IOException {
        Instant receivedAt = traffic.now();
        Answer answer;
        try {
            answer = answer(exchange, body);
        } catch (RuntimeException bug) {
            // a fault of the sandbox itself: say so rather than drop the connection
            answer = Answer.json(500, HubSpotErrors.of("INTERNAL_ERROR", "Sandbox failure: " + bug));
        }
        // recorded before answering, so a caller that has its answer always finds its request in the log
        traffic.record(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), inputCount(body),
                new String(body, StandardCharsets.UTF_8), answer.status(), receivedAt));
        answer.send(exchange, mapper);
    }

    private Answer answer(HttpExchange exchange, byte[] body) {
        Optional<Integer> fault = faults.take();
        if (fault.isPresent()) {
            Answer injected = Answer.json(fault.get(), HubSpotErrors.forStatus(fault.get()));
            return fault.get() == 429 ? injected.withHeaders(exhaustedWindowHeaders()) : injected;
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Answer.json(401, HubSpotErrors.unauthenticated());
        }
        Optional<String> refusingPolicy = limits.tryCount();
        Map<String, String> limitHeaders = limits.limitHeaders();
        if (refusingPolicy.isPresent()) {
            return Answer.json(429, HubSpotErrors.rateLimited(refusingPolicy.get())).withHeaders(limitHeaders);
        }
        try {
            return route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body)
                    .withHeaders(limitHeaders);
        } catch (Rejected rejected) {
            return rejected.answer().withHeaders(limitHeaders);
        }
    }

    private Answer route(String method, String rawPath, byte[] body) {
        List<String> segments = Arrays.stream(rawPath.substring(PATH.length()).split("/"))
                .filter(segment -> !segment.isEmpty()).toList();
        if (segments.size() == 4 && segments.get(0).equals("objects") && segments.get(2).equals("batch")) {
            String type = segments.get(1);
            if (segments.get(3).equals("upsert")) {
                return post(method, body, request -> objects.upsert(objectType(type), request));
            }
            if (segments.get(3).equals("archive")) {
                return post(method, body, request -> objects.archive(objectType(type), request));
            }
            if (segments.get(3).equals("read")) {
                return post(method, body, request -> objects.read(objectType(type), request));
            }
        }
        if (segments.size() >= 3 && segments.size() <= 4 && segments.get(0).equals("lists")
                && segments.get(2).equals("memberships")) {
            String change = segments.size() == 4 ? segments.get(3) : null;
            if (change == null || change.equals("add") || change.equals("remove")) {
                return lists.membership(method, segments.get(1), change, body);
            }
        }
        if (segments.size() == 2 && segments.get(0).equals("properties")) {
            return post(method, body, request -> properties.create(objectType(segments.get(1)), request));
        }
        return Answer.json(404, HubSpotErrors.of("OBJECT_NOT_FOUND", "Resource not found"));
    }

    private Answer post(String method, byte[] body, Function<JsonNode, Answer> operation) {
        if (!"POST".equals(method)) {
            return Answer.json(405, HubSpotErrors.of("METHOD_NOT_ALLOWED",
                    "HTTP " + method + " is not supported by this endpoint; use POST"));
        }
        return operation.apply(json(body));
    }

    private ObjectType objectType(String requested) {
        return schema.find(requested).orElseThrow(() -> new Rejected(400, HubSpotErrors.unknownObjectType(requested)));
    }

    private JsonNode json(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw Rejected.validation("Invalid input JSON: the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Rejected.validation("Invalid input JSON on line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Rejected.validation("Invalid input JSON: " + e.getMessage());
        }
    }

    private Map<String, String> exhaustedWindowHeaders() {
        Map<String, String> headers = new LinkedHashMap<>(limits.limitHeaders());
        headers.put("X-HubSpot-RateLimit-Remaining", "0");
        return headers;
    }

    /** How many inputs the request carried, whatever its fate. */
    private int inputCount(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root != null && root.isArray()) {
                return root.size();
            }
            return root != null && root.path("inputs").isArray() ? root.path("inputs").size() : 0;
        } catch (IOException unreadable) {
            return 0;
        }
    }
}
