package io.sluice.sandbox.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxExchanges;
import io.sluice.sandbox.SandboxHandler;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.http.IntercomSandbox.ReceivedRequest;

/**
 * Every API request passes the gates Intercom puts before its resources — an outage, the access token,
 * the requested API version, the rate limit, in that order — and is recorded with its answer.
 */
final class ApiHandler implements SandboxHandler {

    /** The values Intercom documents for the {@code Intercom-Version} header. */
    static final Set<String> VERSIONS = Set.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3", "2.4",
            "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "Unstable");

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer\\s+(\\S+)");

    private final String accessToken;
    private final TrafficLog<ReceivedRequest> traffic;
    private final FaultSwitch<Integer> faults;
    private final RateLimit rateLimit;
    private final ContactsApi contacts;
    private final ObjectMapper mapper;

    ApiHandler(String accessToken, TrafficLog<ReceivedRequest> traffic, FaultSwitch<Integer> faults,
               RateLimit rateLimit, ContactsApi contacts, ObjectMapper mapper) {
        this.accessToken = accessToken;
        this.traffic = traffic;
        this.faults = faults;
        this.rateLimit = rateLimit;
        this.contacts = contacts;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange, byte[] body) throws IOException {
        Instant receivedAt = traffic.now();
        String text = new String(body, StandardCharsets.UTF_8);
        int status = 200;
        Object answer;
        try {
            answer = respond(exchange, text);
        } catch (ApiError error) {
            status = error.status();
            answer = error.body();
        }
        // recorded before answering, so a caller that has its answer always finds its request here
        traffic.record(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers(exchange.getRequestHeaders()), text, status,
                receivedAt));
        SandboxExchanges.send(exchange, status, SandboxExchanges.JSON, mapper.writeValueAsString(answer));
    }

    private Object respond(HttpExchange exchange, String body) {
        Optional<Integer> fault = faults.take();
        if (fault.isPresent()) {
            throw ApiError.forStatus(fault.get());
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher bearer = BEARER.matcher(authorization == null ? "" : authorization.strip());
        if (!bearer.matches() || !bearer.group(1).equals(accessToken)) {
            throw ApiError.unauthorized();
        }
        String version = exchange.getRequestHeaders().getFirst("Intercom-Version");
        if (version != null && !VERSIONS.contains(version.strip())) {
            throw ApiError.badRequest("intercom_version_invalid", "The requested version could not be found");
        }
        RateLimit.Window window = rateLimit.take();
        Headers responseHeaders = exchange.getResponseHeaders();
        responseHeaders.set("X-RateLimit-Limit", String.valueOf(window.limit()));
        responseHeaders.set("X-RateLimit-Remaining", String.valueOf(window.remaining()));
        responseHeaders.set("X-RateLimit-Reset", String.valueOf(window.resetEpochSecond()));
        if (!window.allowed()) {
            throw new ApiError(429, "rate_limit_exceeded", "Exceeded rate limit of " + window.limit()
                    + " requests in the current window");
        }
        List<String> segments = Arrays.stream(exchange.getRequestURI().getPath().split("/"))
                .filter(segment -> !segment.isEmpty()).toList();
        return contacts.answer(exchange.getRequestMethod(), segments, body);
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, String.join(", ", values)));
        return copy;
    }
}
