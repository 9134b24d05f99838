package io.sluice.destinations.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RateLimit;
import io.sluice.destinations.RecordOutcome;
import io.sluice.sync.AlertRules;
import io.sluice.sync.DestinationSettings;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.GuardOverrides;
import io.sluice.sync.Schedule;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncMode;

/** How a batch becomes Bulk jobs' CSV, and how Salesforce's row errors read. */
class SalesforceBulkTest {

    private static final SyncDefinition LEADS = new SyncDefinition("leads", Path.of("routes/leads.yaml"), "leads",
            "SELECT 1", "email", Optional.empty(), List.of(new FieldMapping("email", "Email", null)), "salesforce",
            "Lead", "Email", new Schedule("manual", null), SyncMode.FULL, DestinationSettings.NONE,
            GuardOverrides.NONE, AlertRules.GLOBAL);
    private static final SalesforceProperties PROPERTIES = new SalesforceProperties(
            new RateLimit(10, Duration.ofSeconds(1)), 10_000, 10_000, Duration.ofSeconds(5), Duration.ofHours(1),
            Map.of());

    @Test
    void aBatchWhoseCsvPassesTheUploadLimitIsSplitIntoJobsInOrder() throws Exception {
        List<OutboundRecord> records = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            records.add(record("lead" + i + "@example.com", "Company " + i));
        }
        SalesforceBulk bulk = new SalesforceBulk(null, Clock.systemUTC(), PROPERTIES, 90);

        List<BulkJob> jobs = bulk.jobs(new DeliveryBatch(LEADS, DeliveryBatch.Operation.UPSERT, records));

        assertThat(jobs).hasSizeGreaterThan(1).allSatisfy(job -> {
            assertThat(csv(job)).startsWith("Email,Company,Tags\n");
            assertThat(job.csv.length).isLessThanOrEqualTo(90);
        });
        assertThat(jobs.stream().mapToInt(job -> job.records.size()).sum()).isEqualTo(5);
        // Jackson quotes a leading # (a comment mark to some readers); CSV readers unquote before reading the value
        assertThat(csv(jobs.get(0))).contains("lead1@example.com,\"Company 1\",\"#N/A\"\n");
    }

    @Test
    void aRecordWithoutItsExternalIdIsRefusedWithoutBeingSent() throws Exception {
        SalesforceBulk bulk = new SalesforceBulk(null, Clock.systemUTC(), PROPERTIES);

        List<BulkJob> jobs = bulk.jobs(new DeliveryBatch(LEADS, DeliveryBatch.Operation.UPSERT,
                List.of(record(null, "Nameless"))));

        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.sendsAnything()).isFalse();
            assertThat(job.outcomes()).singleElement()
                    .satisfies(outcome -> assertThat(outcome.errorCode()).isEqualTo("MISSING_ARGUMENT"));
        });
    }

    @Test
    void aRowErrorReadsAsCodeAndMessage() {
        RecordOutcome refused = SalesforceBulk.refusal("REQUIRED_FIELD_MISSING:Required fields are missing: [Company]:Company --");

        assertThat(refused.success()).isFalse();
        assertThat(refused.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(refused.errorMessage()).isEqualTo("Required fields are missing: [Company]:Company");
    }

    private static OutboundRecord record(String email, String company) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Email", email);
        payload.put("Company", company);
        payload.put("Tags", null);
        return new OutboundRecord(email, payload, "hash", null);
    }

    private static String csv(BulkJob job) {
        return new String(job.csv, StandardCharsets.UTF_8);
    }
}
