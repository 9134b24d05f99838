package io.sluice.destinations.stripe;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.stripe.model.Customer;
import com.stripe.param.CustomerUpdateParams;

import io.sluice.destinations.OutboundRecord;

/**
 * What one update writes onto a customer: metadata keys and customer fields, as the text Stripe stores. An empty
 * value unsets — a NULL in the warehouse removes the fact from Stripe rather than leaving a stale one.
 */
record CustomerChange(Map<String, String> metadata, Map<CustomerField, String> fields) {

    static CustomerChange upsert(OutboundRecord record, StripeSettings settings) {
        Map<String, String> metadata = new LinkedHashMap<>();
        // a field the record leaves out (written on creation only, or a skipped NULL) is not touched
        settings.metadataFields().stream().filter(record.payload()::containsKey)
                .forEach(field -> metadata.put(field, text(record.payload().get(field))));
        Map<CustomerField, String> fields = new LinkedHashMap<>();
        settings.customerFields().stream().filter(field -> record.payload().containsKey(field.fieldName()))
                .forEach(field -> fields.put(field, text(record.payload().get(field.fieldName()))));
        return new CustomerChange(metadata, fields);
    }

    /** Unsets the metadata keys the sync writes; the customer and its other keys stay. */
    static CustomerChange clear(StripeSettings settings) {
        Map<String, String> metadata = new LinkedHashMap<>();
        settings.metadataFields().forEach(field -> metadata.put(field, ""));
        return new CustomerChange(metadata, Map.of());
    }

    CustomerUpdateParams params() {
        CustomerUpdateParams.Builder params = CustomerUpdateParams.builder().putAllMetadata(metadata);
        fields.forEach((field, value) -> field.set(params, value));
        return params.build();
    }

    /** Whether the customer holds what this change writes: after a replayed answer, whether it still does. */
    boolean heldBy(Customer customer) {
        Map<String, String> current = customer.getMetadata() == null ? Map.of() : customer.getMetadata();
        return metadata.entrySet().stream().allMatch(entry -> same(entry.getValue(), current.get(entry.getKey())))
                && fields.entrySet().stream()
                        .allMatch(entry -> same(entry.getValue(), entry.getKey().valueOf(customer)));
    }

    /** Everything the request sends, in a stable order: part of its idempotency key. */
    String fingerprint() {
        return metadata + " " + fields;
    }

    private static boolean same(String written, String held) {
        return written.isEmpty() ? held == null || held.isEmpty() : written.equals(held);
    }

    /** Metadata and these fields are text: numbers keep their digits (no exponent), lists join with commas. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(item -> Objects.toString(item, "")).collect(Collectors.joining(","));
        }
        return value.toString();
    }
}
