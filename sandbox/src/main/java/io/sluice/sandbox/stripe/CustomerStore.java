package io.sluice.sandbox.stripe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.sluice.sandbox.stripe.StripeSandbox.Customer;

/** The account's customers, in creation order. Every change is atomic: a refused edit changes nothing. */
final class CustomerStore {

    private final Map<String, Customer> customers = new LinkedHashMap<>();

    synchronized Optional<Customer> find(String id) {
        return Optional.ofNullable(customers.get(id));
    }

    synchronized List<Customer> all() {
        return new ArrayList<>(customers.values());
    }

    /** @return false when a customer with that id exists already */
    synchronized boolean add(Customer customer) {
        return customers.putIfAbsent(customer.id(), customer) == null;
    }

    /** Replaces the customer with what {@code edit} makes of it; an edit that throws leaves it as it was. */
    synchronized Optional<Customer> update(String id, UnaryOperator<Customer> edit) {
        Customer current = customers.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Customer edited = edit.apply(current);
        customers.put(id, edited);
        return Optional.of(edited);
    }

    synchronized void clear() {
        customers.clear();
    }
}
