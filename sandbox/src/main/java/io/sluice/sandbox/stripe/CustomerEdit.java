package io.sluice.sandbox.stripe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sluice.sandbox.stripe.StripeSandbox.Customer;

/**
 * The parameters of {@code POST /v1/customers/{id}} that Sluice may send, validated as Stripe validates them
 * before anything runs: unknown parameters, metadata keys and values over the limits, malformed e-mail addresses.
 * An empty value unsets: {@code metadata[plan]=} deletes that key, {@code metadata=} every key, {@code email=} the
 * address.
 */
final class CustomerEdit {

    static final int MAX_METADATA_KEYS = 50;
    static final int MAX_KEY_LENGTH = 40;
    static final int MAX_VALUE_LENGTH = 500;

    private static final Set<String> TEXT_FIELDS = Set.of("name", "email", "phone", "description");
    private static final Pattern METADATA_KEY = Pattern.compile("metadata\\[([^\\[\\]]*)]");
    // what Stripe's own check amounts to: something@domain.tld, no spaces
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private boolean clearMetadata;

    private CustomerEdit() {
    }

    static CustomerEdit parse(Map<String, String> params) {
        CustomerEdit edit = new CustomerEdit();
        params.forEach((param, value) -> {
            Matcher metadataKey = METADATA_KEY.matcher(param);
            if (param.equals("metadata")) {
                if (!value.isEmpty()) {
                    throw StripeError.invalidRequest(400, "parameter_invalid_string",
                            "Invalid hash: metadata must be an object, or an empty string to unset every key", param);
                }
                edit.clearMetadata = true;
            } else if (metadataKey.matches()) {
                edit.putMetadata(param, metadataKey.group(1), value);
            } else if (TEXT_FIELDS.contains(param)) {
                if (param.equals("email") && !value.isEmpty() && !EMAIL.matcher(value).matches()) {
                    throw StripeError.invalidRequest(400, "email_invalid", "Invalid email address: " + value, param);
                }
                edit.fields.put(param, value);
            } else {
                throw StripeError.unknownParameter(param);
            }
        });
        return edit;
    }

    private void putMetadata(String param, String key, String value) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw StripeError.invalidRequest(400, "parameter_invalid_string",
                    "Invalid key: " + key + " must be a non-empty string under " + MAX_KEY_LENGTH + " characters",
                    "metadata");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw StripeError.invalidRequest(400, "parameter_invalid_string",
                    "Invalid val: " + value + " must be a string under " + MAX_VALUE_LENGTH + " characters", param);
        }
        metadata.put(key, value);
    }

    /** The customer after this edit; refused when its metadata would hold more keys than Stripe allows. */
    Customer applyTo(Customer customer) {
        Map<String, String> merged = new LinkedHashMap<>(clearMetadata ? Map.of() : customer.metadata());
        metadata.forEach((key, value) -> {
            if (value.isEmpty()) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        if (merged.size() > MAX_METADATA_KEYS) {
            throw StripeError.invalidRequest(400, "parameter_invalid_string", "Invalid metadata: an object can have "
                    + "at most " + MAX_METADATA_KEYS + " keys, this update would leave " + merged.size(), "metadata");
        }
        return new Customer(customer.id(), customer.created(),
                field("email", customer.email()), field("name", customer.name()), field("phone", customer.phone()),
                field("description", customer.description()), merged);
    }

    private String field(String name, String current) {
        if (!fields.containsKey(name)) {
            return current;
        }
        String value = fields.get(name);
        return value.isEmpty() ? null : value;
    }
}
