package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stripe.model.Customer;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryBatch.Operation;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.stripe.StripeSettings.MatchBy;

class CustomerChangeTest {

    private final StripeSettings settings = new StripeSettings(MatchBy.CUSTOMER_ID,
            List.of("ltv", "score", "tags", "active", "note"), List.of(CustomerField.NAME, CustomerField.PHONE));

    @Test
    void warehouseValuesBecomeStripeTextAndNullUnsets() {
        CustomerChange change = CustomerChange.upsert(record(payload("ltv", new BigDecimal("12000"), "score", 0.25,
                "tags", List.of("a", "b"), "active", true, "note", null, "name", "Ada", "phone", null)), settings);

        assertThat(change.metadata()).containsExactly(Map.entry("ltv", "12000"), Map.entry("score", "0.25"),
                Map.entry("tags", "a,b"), Map.entry("active", "true"), Map.entry("note", ""));
        assertThat(change.fields()).containsExactly(Map.entry(CustomerField.NAME, "Ada"),
                Map.entry(CustomerField.PHONE, ""));
        assertThat(change.params().toMap()).containsEntry("name", "Ada").containsEntry("phone", "")
                .containsEntry("metadata", change.metadata());
    }

    @Test
    void aClearUnsetsEveryMetadataKeyOfTheSyncAndNoField() {
        CustomerChange clear = CustomerChange.clear(settings);

        assertThat(clear.metadata()).containsOnlyKeys("ltv", "score", "tags", "active", "note")
                .allSatisfy((key, value) -> assertThat(value).isEmpty());
        assertThat(clear.fields()).isEmpty();
    }

    @Test
    void aCustomerHoldsAChangeWhenEveryKeyAndFieldMatchesAndUnsetMeansAbsent() {
        CustomerChange change = CustomerChange.upsert(record(payload("ltv", 5L, "score", "0.5", "tags", null,
                "active", false, "note", "x", "name", "Ada", "phone", null)), settings);

        assertThat(change.heldBy(customer("Ada", Map.of("ltv", "5", "score", "0.5", "active", "false", "note", "x",
                "other", "kept")))).isTrue();
        assertThat(change.heldBy(customer("Ada", Map.of("ltv", "5", "score", "0.5", "active", "false", "note", "x",
                "tags", "stale")))).isFalse();
        assertThat(change.heldBy(customer("Ada", Map.of("ltv", "6", "score", "0.5", "active", "false", "note", "x"))))
                .isFalse();
        assertThat(change.heldBy(customer("Augusta", Map.of("ltv", "5", "score", "0.5", "active", "false",
                "note", "x")))).isFalse();
    }

    @Test
    void idempotencyKeysFollowEverythingThatMakesTheWriteAndNothingElse() {
        OutboundRecord record = record(payload("ltv", 5L));
        CustomerChange change = CustomerChange.upsert(record, settings);
        String key = IdempotencyKeys.of("facts", Operation.UPSERT, record, "cus_1", change);

        assertThat(key).matches("sluice-[0-9a-f]{64}").doesNotContain("cus_1");
        assertThat(IdempotencyKeys.of("facts", Operation.UPSERT, record(payload("ltv", 5L)), "cus_1",
                CustomerChange.upsert(record, settings))).isEqualTo(key);
        assertThat(Arrays.asList(
                IdempotencyKeys.of("other_sync", Operation.UPSERT, record, "cus_1", change),
                IdempotencyKeys.of("facts", Operation.DELETE, record, "cus_1", change),
                IdempotencyKeys.of("facts", Operation.UPSERT, record, "cus_2", change),
                IdempotencyKeys.of("facts", Operation.UPSERT, record(payload("ltv", 6L)), "cus_1", change),
                IdempotencyKeys.of("facts", Operation.UPSERT, record, "cus_1", CustomerChange.clear(settings)),
                IdempotencyKeys.after(key, "req_1")))
                .doesNotContain(key).doesNotHaveDuplicates();
        assertThat(IdempotencyKeys.after(key, "req_1")).isEqualTo(IdempotencyKeys.after(key, "req_1"))
                .isNotEqualTo(IdempotencyKeys.after(key, "req_2"));
    }

    @Test
    void metadataValuesOverFiveHundredCharactersAreAViolation() {
        assertThat(MetadataLimits.check(Map.of("note", "x".repeat(500)))).isEmpty();
        assertThat(MetadataLimits.check(Map.of("note", "x".repeat(501)))).get()
                .satisfies(violation -> {
                    assertThat(violation.code()).isEqualTo("metadata_value_too_long");
                    assertThat(violation.message()).contains("'note'", "501 characters", "at most 500");
                });
    }

    private static Map<String, Object> payload(Object... fieldsAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            payload.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return payload;
    }

    private static OutboundRecord record(Map<String, Object> payload) {
        return new OutboundRecord("cus_1", payload, io.sluice.diff.ContentHasher.hash(payload), null);
    }

    private static Customer customer(String name, Map<String, String> metadata) {
        Customer customer = new Customer();
        customer.setName(name);
        customer.setMetadata(metadata);
        return customer;
    }
}
