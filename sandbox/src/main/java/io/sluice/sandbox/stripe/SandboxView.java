package io.sluice.sandbox.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.sluice.sandbox.stripe.StripeSandbox.Customer;
import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;
import io.sluice.sandbox.SandboxExchanges;

/**
 * A view for people trying the demo, labelled so nobody mistakes it for a Stripe account. It needs no key and is
 * not API traffic. Besides reading customers and requests, a demo user can create a customer — the "fix on the
 * Stripe side" after which a dead letter for an unknown customer id can be replayed.
 */
final class SandboxView implements HttpHandler {

    static final String PATH = "/sandbox";
    static final String BANNER = "Sluice local Stripe sandbox — not a real Stripe account (test mode)";

    private final CustomerStore customers;
    private final RequestLog log;
    private final ObjectMapper mapper;

    SandboxView(CustomerStore customers, RequestLog log, ObjectMapper mapper) {
        this.customers = customers;
        this.log = log;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = SandboxExchanges.readBody(exchange);
            List<String> segments = SandboxExchanges.pathSegments(exchange.getRequestURI().getRawPath());
            String method = exchange.getRequestMethod();
            if (segments.size() == 3 && segments.get(1).equals("customers") && method.equals("PUT")) {
                create(exchange, segments.get(2), body);
            } else if (!method.equals("GET")) {
                SandboxExchanges.sendText(exchange, 405, "Only customers can be created here: PUT " + PATH
                        + "/customers/{id} with {\"email\": ..., \"name\": ...}");
            } else if (segments.size() == 1 && segments.get(0).equals("sandbox")) {
                SandboxExchanges.send(exchange, 200, "text/html;charset=UTF-8", overview().getBytes(StandardCharsets.UTF_8));
            } else if (segments.equals(List.of("sandbox", "customers"))) {
                sendJson(exchange, 200, customers.all().stream().map(Customer::stripeObject).toList());
            } else if (segments.equals(List.of("sandbox", "requests"))) {
                sendJson(exchange, 200, log.all().stream().map(SandboxView::withoutKey).toList());
            } else {
                SandboxExchanges.sendText(exchange, 404, "Not found. Try " + PATH);
            }
        } finally {
            exchange.close();
        }
    }

    private void create(HttpExchange exchange, String id, byte[] body) throws IOException {
        JsonNode fields;
        try {
            fields = mapper.readTree(body);
        } catch (IOException e) {
            fields = null;
        }
        if (fields == null || !fields.isObject()) {
            SandboxExchanges.sendText(exchange, 400, "Send a JSON object: {\"email\": ..., \"name\": ...}");
            return;
        }
        Customer customer = new Customer(id, System.currentTimeMillis() / 1000, fields.path("email").asText(null),
                fields.path("name").asText(null), null, null, Map.of());
        if (!customers.add(customer)) {
            SandboxExchanges.sendText(exchange, 409, "Customer " + id + " exists already");
            return;
        }
        sendJson(exchange, 201, customer.stripeObject());
    }

    /** The secret key stays out of a page anyone on the machine can open. */
    private static Map<String, Object> withoutKey(RecordedRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", request.requestId());
        json.put("receivedAt", request.receivedAt().toString());
        json.put("method", request.method());
        json.put("path", request.path());
        json.put("query", request.query());
        json.put("idempotencyKey", request.idempotencyKey());
        json.put("params", request.params());
        json.put("status", request.status());
        json.put("replayed", request.replayed());
        return json;
    }

    private String overview() {
        List<Customer> all = customers.all();
        long withMetadata = all.stream().filter(customer -> !customer.metadata().isEmpty()).count();
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + BANNER + "</title></head><body><h1>"
                + BANNER + "</h1><p>An in-memory stand-in for Stripe's customer API, used by Sluice's demo and tests. "
                + "Nothing written here reaches Stripe, and it is gone when the process stops.</p><ul>"
                + "<li><a href=\"" + PATH + "/customers\">customers</a>: " + all.size() + ", " + withMetadata
                + " with metadata</li>"
                + "<li><a href=\"" + PATH + "/requests\">API requests received</a>: " + log.all().size() + "</li>"
                + "</ul><p>Create a customer: <code>PUT " + PATH + "/customers/{id}</code> with "
                + "<code>{\"email\": ..., \"name\": ...}</code>.</p></body></html>";
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        SandboxExchanges.send(exchange, status, SandboxExchanges.JSON, mapper.writeValueAsBytes(body));
    }
}
