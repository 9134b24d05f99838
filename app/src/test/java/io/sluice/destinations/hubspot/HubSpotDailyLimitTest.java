package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.Property;
import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Once the day's calls are spent, the rest of a run becomes retryable dead letters without asking
 * HubSpot again. Its own context: the spent budget lasts until midnight.
 */
class HubSpotDailyLimitTest extends HubSpotSyncTestSupport {

    static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("hubspot_daily_warehouse");
    static final int BATCHES_IN_FLIGHT = 4;
    static final int RECORDS = 12;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE SCHEMA hs");
        WAREHOUSE.jdbc().execute(customersTable("hs.daily"));
        configure(registry, HUBSPOT, WAREHOUSE, Map.of("daily_customers.yaml",
                contactsSync("hs.daily", "full", "hubspot:\n  batch_size: 1\n")));
        registry.add("sluice.hubspot.daily-limit", () -> "3");
        registry.add("sluice.delivery.batches-in-flight", () -> String.valueOf(BATCHES_IN_FLIGHT));
    }

    @Test
    void whenHubSpotSaysTheDayIsSpentNoMoreCallsAreMadeAndTheRecordsWaitAsRetryableDeadLetters() {
        HUBSPOT.defineProperties("contacts", Property.uniqueText("customer_id"), Property.number("lifetime_value"));
        // the account's other apps used most of the day: HubSpot runs out before Sluice's own budget of 3
        HUBSPOT.setDailyLimit(1);
        for (int i = 1; i <= RECORDS; i++) {
            WAREHOUSE.jdbc().update("INSERT INTO hs.daily VALUES (?, ?, ?, ?)", "cus_" + i, "c" + i + "@example.com",
                    "C" + i, i);
        }

        SyncRun first = runner.run("daily_customers", SyncRun.Trigger.MANUAL);
        List<RecordedRequest> asked = HUBSPOT.requests();
        SyncRun second = runner.run("daily_customers", SyncRun.Trigger.MANUAL);

        assertThat(first.counts().created()).isEqualTo(1);
        // one delivered; refused are only the calls already in flight when HubSpot said the day was spent
        assertThat(asked).extracting(RecordedRequest::status).containsOnlyOnce(200).contains(429)
                .hasSizeLessThanOrEqualTo(BATCHES_IN_FLIGHT);
        assertThat(HUBSPOT.requests()).as("no more asking, not even by the next run").hasSameSizeAs(asked);
        assertThat(second.counts().created()).isZero();
        assertThat(deadLetters("daily_customers", "open")).isNotEmpty().allSatisfy(letter -> {
            assertThat(letter).containsEntry("retryable", true).containsEntry("errorCode", DailyBudget.SPENT);
            assertThat(letter.get("errorMessage").toString()).contains("daily request budget", "until midnight UTC");
        }).extracting(letter -> letter.get("recordKey")).doesNotHaveDuplicates()
                .doesNotContain(state.records("daily_customers").get(0).key());
        assertThat(state.count("daily_customers")).isEqualTo(1);
    }
}
