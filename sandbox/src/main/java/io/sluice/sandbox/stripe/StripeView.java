package io.sluice.sandbox.stripe;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.stripe.StripeSandbox.Customer;
import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;

/**
 * The customers and the requests received, and the one change a demo user can make: creating a customer, the
 * "fix on the Stripe side" after which a dead letter for an unknown customer id can be replayed.
 */
final class StripeView extends SandboxView {

    static final String BANNER = "Sluice local Stripe sandbox — not a real Stripe account (test mode)";

    private final CustomerStore customers;
    private final TrafficLog<RecordedRequest> log;

    StripeView(CustomerStore customers, TrafficLog<RecordedRequest> log, ObjectMapper mapper) {
        super(BANNER, "Only customers can be created here: PUT " + PATH
                + "/customers/{id} with {\"email\": ..., \"name\": ...}", mapper);
        this.customers = customers;
        this.log = log;
    }

    @Override
    protected String overview() {
        List<Customer> all = customers.all();
        long withMetadata = all.stream().filter(customer -> !customer.metadata().isEmpty()).count();
        return "<p>An in-memory stand-in for Stripe's customer API, used by Sluice's demo and tests. Nothing written "
                + "here reaches Stripe, and it is gone when the process stops.</p>"
                + list(List.of(link("customers", "customers") + ": " + all.size() + ", " + withMetadata
                                + " with metadata",
                        link("requests", "API requests received") + ": " + log.all().size()))
                + "<p>Create a customer: <code>PUT " + PATH + "/customers/{id}</code> with "
                + "<code>{\"email\": ..., \"name\": ...}</code>.</p>";
    }

    @Override
    protected Reply answer(String method, List<String> page, Map<String, String> query, byte[] body)
            throws IOException {
        if (method.equals("PUT") && page.size() == 2 && page.get(0).equals("customers")) {
            return create(page.get(1), body);
        }
        if (!method.equals("GET") || page.size() != 1) {
            return null;
        }
        return switch (page.get(0)) {
            case "customers" -> json(200, customers.all().stream().map(Customer::stripeObject).toList());
            case "requests" -> json(200, log.all().stream().map(StripeView::withoutKey).toList());
            default -> null;
        };
    }

    private Reply create(String id, byte[] body) throws IOException {
        JsonNode fields;
        try {
            fields = mapper().readTree(body);
        } catch (IOException e) {
            fields = null;
        }
        if (fields == null || !fields.isObject()) {
            return Reply.text(400, "Send a JSON object: {\"email\": ..., \"name\": ...}");
        }
        Customer customer = new Customer(id, System.currentTimeMillis() / 1000, fields.path("email").asText(null),
                fields.path("name").asText(null), null, null, Map.of());
        if (!customers.add(customer)) {
            return Reply.text(409, "Customer " + id + " exists already");
        }
        return json(201, customer.stripeObject());
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
}
