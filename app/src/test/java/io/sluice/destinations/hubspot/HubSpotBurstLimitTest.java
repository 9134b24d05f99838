package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

/** Sluice keeps itself within the account's burst limit rather than waiting for HubSpot to refuse. */
class HubSpotBurstLimitTest extends HubSpotSyncTestSupport {

    static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("hubspot_burst_warehouse");
    static final int REQUESTS_PER_WINDOW = 3;
    static final Duration WINDOW = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE SCHEMA hs");
        WAREHOUSE.jdbc().execute(customersTable("hs.burst"));
        configure(registry, HUBSPOT, WAREHOUSE, Map.of("burst_customers.yaml",
                contactsSync("hs.burst", "full", "hubspot:\n  batch_size: 1\n")));
        registry.add("sluice.hubspot.requests-per-window", () -> String.valueOf(REQUESTS_PER_WINDOW));
        registry.add("sluice.hubspot.window", () -> WINDOW.toMillis() + "ms");
    }

    @Test
    void noWindowEverSeesMoreCallsThanTheBudgetAllows() {
        HUBSPOT.defineProperties("contacts", Property.uniqueText("customer_id"), Property.number("lifetime_value"));
        insertCustomers(0, 0);
        runner.run("burst_customers", SyncRun.Trigger.MANUAL);
        insertCustomers(1, 8);

        SyncRun run = runner.run("burst_customers", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(8);
        List<RecordedRequest> requests = requestsTo(HUBSPOT, UPSERT_CONTACTS);
        assertThat(requests).hasSize(9).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        // the throttle counts calls as they leave, HubSpot as they arrive: a slow first call (connection,
        // class loading) or a pause in between shifts arrivals, so the margin is generous; unthrottled, these
        // calls would arrive milliseconds apart
        for (int i = 1; i + REQUESTS_PER_WINDOW < requests.size(); i++) {
            assertThat(Duration.between(requests.get(i).receivedAt(), requests.get(i + REQUESTS_PER_WINDOW).receivedAt()))
                    .as("call %d and call %d are a window apart", i, i + REQUESTS_PER_WINDOW)
                    .isGreaterThanOrEqualTo(WINDOW.minusMillis(300));
        }
        assertThat(Duration.between(requests.get(1).receivedAt(), requests.get(8).receivedAt()))
                .as("eight calls at three a window take more than two windows")
                .isGreaterThanOrEqualTo(WINDOW.multipliedBy(2).minusMillis(300));
    }

    private static void insertCustomers(int from, int to) {
        for (int i = from; i <= to; i++) {
            WAREHOUSE.jdbc().update("INSERT INTO hs.burst VALUES (?, ?, ?, ?)", "cus_" + i, "c" + i + "@example.com",
                    "C" + i, i);
        }
    }
}
