package io.sluice.sandbox.stripe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sluice.sandbox.stripe.StripeSandbox.Customer;

/**
 * The customer resources: update ({@code POST /v1/customers/{id}}), retrieve ({@code GET /v1/customers/{id}}) and
 * list ({@code GET /v1/customers?email=&limit=&starting_after=}). Each request is first validated — a refusal
 * there means nothing ran — and then executed.
 */
final class CustomerApi {

    /** A validated request, ready to run. */
    @FunctionalInterface
    interface Execution {
        /** @return the JSON body of a 200 answer; a refusal is thrown as a {@link StripeError} */
        Object run();
    }

    private static final Set<String> LIST_PARAMS = Set.of("email", "limit", "starting_after");
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final CustomerStore store;

    CustomerApi(CustomerStore store) {
        this.store = store;
    }

    /** @param resource the path below {@code /v1} */
    Execution prepare(String method, List<String> resource, Map<String, String> params) {
        boolean customers = !resource.isEmpty() && resource.get(0).equals("customers");
        if (customers && resource.size() == 2 && method.equals("POST")) {
            CustomerEdit edit = CustomerEdit.parse(params);
            String id = resource.get(1);
            return () -> store.update(id, edit::applyTo).orElseThrow(() -> StripeError.noSuchCustomer(id))
                    .stripeObject();
        }
        if (customers && resource.size() == 2 && method.equals("GET")) {
            params.keySet().stream().findFirst().ifPresent(param -> {
                throw StripeError.unknownParameter(param);
            });
            String id = resource.get(1);
            return () -> store.find(id).orElseThrow(() -> StripeError.noSuchCustomer(id)).stripeObject();
        }
        if (customers && resource.size() == 1 && method.equals("GET")) {
            params.keySet().stream().filter(param -> !LIST_PARAMS.contains(param)).findFirst().ifPresent(param -> {
                throw StripeError.unknownParameter(param);
            });
            int limit = limit(params.get("limit"));
            return () -> list(params.get("email"), limit, params.get("starting_after"));
        }
        throw StripeError.invalidRequest(404, null,
                "Unrecognized request URL (" + method + ": /v1/" + String.join("/", resource) + ").", null);
    }

    /** Newest first, as Stripe lists; an e-mail filter matches exactly, letter case included. */
    private Map<String, Object> list(String email, int limit, String startingAfter) {
        List<Customer> newestFirst = new ArrayList<>(store.all());
        Collections.reverse(newestFirst);
        int from = 0;
        if (startingAfter != null) {
            int index = newestFirst.stream().map(Customer::id).toList().indexOf(startingAfter);
            if (index < 0) {
                throw StripeError.invalidRequest(400, "resource_missing", "No such customer: '" + startingAfter + "'",
                        "starting_after");
            }
            from = index + 1;
        }
        List<Customer> matching = newestFirst.subList(from, newestFirst.size()).stream()
                .filter(customer -> email == null || email.equals(customer.email()))
                .toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("object", "list");
        page.put("data", matching.stream().limit(limit).map(Customer::stripeObject).toList());
        page.put("has_more", matching.size() > limit);
        page.put("url", "/v1/customers");
        return page;
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw StripeError.invalidRequest(400, "parameter_invalid_integer", "Invalid integer: " + text, "limit");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw StripeError.invalidRequest(400, "parameter_invalid_integer",
                    "This value must be between 1 and " + MAX_LIMIT + ".", "limit");
        }
        return limit;
    }
}
