package io.sluice.sandbox.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxExchanges;
import io.sluice.sandbox.SandboxHandler;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;

/**
 * Everything under {@code /v1}: the gates every Stripe request passes — an injected outage, the API key, the rate
 * limit, the idempotency key — then the customer resources and billing meter events. Every answer carries a {@code Request-Id}.
 */
final class ApiGateway implements SandboxHandler {

    static final String PATH = "/v1/";

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer\\s+(\\S+)");
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** An injected failure in front of the API: nothing runs, Stripe's error for the status answers. */
    record Outage(int status, Boolean shouldRetry) {

        Answer answer(String requestId) {
            Answer answer = Answer.refused(StripeError.ofStatus(status), requestId);
            return shouldRetry == null ? answer : answer.withShouldRetry(shouldRetry);
        }
    }

    private final Supplier<String> apiKey;
    private final FaultSwitch<Outage> outages;
    private final FaultSwitch<Boolean> lostAnswers;
    private final RequestRate rate;
    private final IdempotencyLedger ledger;
    private final CustomerApi customers;
    private final MeterEventApi meterEvents;
    private final TrafficLog<RecordedRequest> log;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();

    /** @param lostAnswers requests that run, then lose their answer to a broken connection */
    ApiGateway(Supplier<String> apiKey, FaultSwitch<Outage> outages, FaultSwitch<Boolean> lostAnswers,
               RequestRate rate, IdempotencyLedger ledger, CustomerApi customers, MeterEventApi meterEvents,
               TrafficLog<RecordedRequest> log, ObjectMapper mapper) {
        this.meterEvents = meterEvents;
        this.apiKey = apiKey;
        this.outages = outages;
        this.lostAnswers = lostAnswers;
        this.rate = rate;
        this.ledger = ledger;
        this.customers = customers;
        this.log = log;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange, byte[] body) throws IOException {
        Instant receivedAt = log.now();
        String method = exchange.getRequestMethod();
        Map<String, String> params = SandboxExchanges.parseForm(method.equals("POST")
                ? new String(body, StandardCharsets.UTF_8) : exchange.getRequestURI().getRawQuery());
        String idempotencyKey = method.equals("POST") ? exchange.getRequestHeaders().getFirst("Idempotency-Key")
                : null;
        String presentedKey = presentedKey(exchange.getRequestHeaders().getFirst("Authorization"));
        String requestId = requestId();
        Answer answer = answer(method, exchange.getRequestURI().getRawPath(), params, presentedKey,
                idempotencyKey, requestId);
        // recorded before answering, so a client that has its answer always finds its request in the log
        log.record(new RecordedRequest(method, exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), presentedKey, idempotencyKey, Map.copyOf(params),
                answer.status(), answer.replayed(), requestId, receivedAt));
        respond(exchange, answer, idempotencyKey, requestId);
    }

    private Answer answer(String method, String rawPath, Map<String, String> params, String presentedKey,
                          String idempotencyKey, String requestId) {
        Optional<Outage> outage = outages.take();
        if (outage.isPresent()) {
            return outage.get().answer(requestId);
        }
        if (presentedKey == null) {
            return Answer.refused(StripeError.missingApiKey(), requestId);
        }
        if (!presentedKey.equals(apiKey.get())) {
            return Answer.refused(StripeError.invalidApiKey(presentedKey), requestId);
        }
        if (!rate.tryAcquire()) {
            return Answer.refused(StripeError.rateLimited(), requestId);
        }
        List<String> segments = SandboxExchanges.pathSegments(rawPath);
        List<String> resource = segments.subList(1, segments.size());
        if (idempotencyKey == null) {
            return run(method, resource, params, requestId);
        }
        IdempotencyLedger.Lookup lookup = ledger.claim(idempotencyKey, fingerprint(method, rawPath, params));
        if (lookup.replay() != null) {
            return lookup.replay();
        }
        if (lookup.refusal() != null) {
            return Answer.refused(lookup.refusal(), requestId);
        }
        CustomerApi.Execution execution;
        try {
            execution = prepare(method, resource, params);
        } catch (StripeError invalid) {
            ledger.release(idempotencyKey);
            return Answer.refused(invalid, requestId);
        }
        Answer answer = execute(execution, requestId);
        ledger.remember(idempotencyKey, answer);
        return answer;
    }

    private Answer run(String method, List<String> resource, Map<String, String> params, String requestId) {
        try {
            return execute(prepare(method, resource, params), requestId);
        } catch (StripeError invalid) {
            return Answer.refused(invalid, requestId);
        }
    }

    private CustomerApi.Execution prepare(String method, List<String> resource, Map<String, String> params) {
        return MeterEventApi.handles(resource) ? meterEvents.prepare(method, params)
                : customers.prepare(method, resource, params);
    }

    private static Answer execute(CustomerApi.Execution execution, String requestId) {
        try {
            return Answer.ok(execution.run(), requestId);
        } catch (StripeError refused) {
            return Answer.refused(refused, requestId);
        }
    }

    private void respond(HttpExchange exchange, Answer answer, String idempotencyKey, String requestId)
            throws IOException {
        exchange.getResponseHeaders().set("Request-Id", requestId);
        if (idempotencyKey != null) {
            exchange.getResponseHeaders().set("Idempotency-Key", idempotencyKey);
            exchange.getResponseHeaders().set("Original-Request", answer.requestId());
        }
        if (answer.replayed()) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        if (answer.shouldRetry() != null) {
            exchange.getResponseHeaders().set("Stripe-Should-Retry", answer.shouldRetry().toString());
        }
        if (lostAnswers.take().isPresent()) {
            SandboxExchanges.hangUp(exchange);
        } else {
            SandboxExchanges.send(exchange, answer.status(), SandboxExchanges.JSON, mapper.writeValueAsBytes(answer.body()));
        }
    }

    /** The same endpoint and the same parameters, whatever their order. */
    private static String fingerprint(String method, String rawPath, Map<String, String> params) {
        return method + " " + rawPath + " " + new TreeMap<>(params);
    }

    private static String presentedKey(String authorization) {
        Matcher bearer = BEARER.matcher(authorization == null ? "" : authorization.trim());
        return bearer.matches() ? bearer.group(1) : null;
    }

    private String requestId() {
        StringBuilder id = new StringBuilder("req_");
        for (int i = 0; i < 14; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
