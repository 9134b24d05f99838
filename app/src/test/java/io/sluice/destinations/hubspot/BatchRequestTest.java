package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryBatch.Operation;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.sync.AlertRules;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.FieldMapping.Transform;
import io.sluice.sync.GuardOverrides;
import io.sluice.sync.Schedule;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncMode;

class BatchRequestTest {

    static final SyncDefinition CONTACTS = new SyncDefinition("customers", Path.of("routes/customers.yaml"),
            "customers", "SELECT 1", "customer_id", Optional.empty(),
            List.of(new FieldMapping("customer_id", "customer_id", Transform.NONE),
                    new FieldMapping("email", "email", Transform.LOWERCASE),
                    new FieldMapping("lifetime_value", "lifetime_value", Transform.NONE),
                    new FieldMapping("phone", "phone", Transform.NONE)),
            "hubspot", "contacts", "email", new Schedule("manual", null), SyncMode.MIRROR, new HubSpotSettings(null, null),
                GuardOverrides.NONE, AlertRules.GLOBAL);

    @Test
    void anUpsertMatchesEachRecordOnItsIdPropertyAndSendsValuesAsText() {
        BatchRequest request = BatchRequest.upsert(batch(Operation.UPSERT,
                record("cus_1", "ada@example.com", new BigDecimal("1E+3"), null, null),
                record("cus_2", "grace@example.com", 12.5, "555", null)));

        assertThat(request.path()).isEqualTo("/crm/v3/objects/contacts/batch/upsert");
        assertThat(request.idProperty()).isEqualTo("email");
        assertThat(request.inputs()).containsExactly(
                Map.of("id", "ada@example.com", "idProperty", "email", "properties", Map.of("customer_id", "cus_1",
                        "email", "ada@example.com", "lifetime_value", "1000", "phone", "")),
                Map.of("id", "grace@example.com", "idProperty", "email", "properties", Map.of("customer_id", "cus_2",
                        "email", "grace@example.com", "lifetime_value", "12.5", "phone", "555")));
    }

    @Test
    void aRecordWithoutAnIdPropertyValueIsRefusedBeforeSending() {
        BatchRequest request = BatchRequest.upsert(batch(Operation.UPSERT,
                record("cus_1", " ", 1, null, null), record("cus_2", "grace@example.com", 2, null, null)));

        assertThat(request.inputs()).extracting(input -> input.get("id")).containsExactly("grace@example.com");
        request.acceptAll();
        assertThat(request.outcomes()).containsExactly(
                RecordOutcome.rejected("EMPTY_ID_PROPERTY", "email is empty: HubSpot matches contacts on it "
                        + "(idProperty), so this record cannot be upserted"),
                RecordOutcome.accepted("grace@example.com", false));
    }

    @Test
    void anArchiveSendsTheHubSpotIdsAndRefusesRecordsWithoutOne() {
        BatchRequest request = BatchRequest.archive(batch(Operation.DELETE,
                record("cus_1", "ada@example.com", 1, null, "501"), record("cus_2", "grace@example.com", 2, null, null)));

        assertThat(request.path()).isEqualTo("/crm/v3/objects/contacts/batch/archive");
        assertThat(request.inputs()).containsExactly(Map.of("id", "501"));
        request.acceptAll();
        assertThat(request.outcomes()).extracting(RecordOutcome::success, RecordOutcome::destinationId,
                RecordOutcome::errorCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, "501", null),
                org.assertj.core.groups.Tuple.tuple(false, null, "NO_HUBSPOT_ID"));
    }

    @Test
    void valuesTakeTheFormHubSpotReads() {
        assertThat(BatchRequest.propertyValue(null)).isEmpty();
        assertThat(BatchRequest.propertyValue(1.0E10)).isEqualTo("10000000000");
        assertThat(BatchRequest.propertyValue(new BigDecimal("0.0651"))).isEqualTo("0.0651");
        assertThat(BatchRequest.propertyValue(List.of("reports", "exports"))).isEqualTo("reports;exports");
        assertThat(BatchRequest.propertyValue(true)).isEqualTo("true");
        assertThat(BatchRequest.propertyValue(42L)).isEqualTo("42");
    }

    static DeliveryBatch batch(Operation operation, OutboundRecord... records) {
        return new DeliveryBatch(CONTACTS, operation, List.of(records));
    }

    static OutboundRecord record(String key, String email, Object lifetimeValue, String phone, String hubSpotId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("customer_id", key);
        payload.put("email", email);
        payload.put("lifetime_value", lifetimeValue);
        payload.put("phone", phone);
        return new OutboundRecord(key, payload, "hash-" + key, hubSpotId);
    }
}
