package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import io.sluice.demo.EmbeddedDefaultContext;
import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.support.AdminLists;

/**
 * The Stripe part of the embedded default, as a newcomer gets it from config/application.yaml: the shipped sync
 * file against the seeded demo warehouse and the local Stripe sandbox, and the README's walkthrough. See
 * {@link EmbeddedDefaultContext} for what is moved.
 */
@EmbeddedDefaultContext
class StripeEmbeddedDemoTest {

    @Autowired
    SyncRunner runner;
    @Autowired
    StripeSandbox sandbox;
    @Autowired
    TestRestTemplate http;

    @Test
    void theShippedSyncWritesTheDemoCustomersFactsAndAReplayAfterTheFixDeliversTheMissingOne() {
        SyncRun run = runner.run("stripe_customer_facts", SyncRun.Trigger.MANUAL);

        // 200 warehouse customers, two of whom never signed up in the sandbox
        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().read()).isEqualTo(200);
        assertThat(run.counts().updated()).isEqualTo(198);
        assertThat(run.counts().deadLettered()).isEqualTo(2);
        assertThat(sandbox.customer("cus_00001").orElseThrow().metadata()).isEqualTo(Map.of(
                "lifetime_value", "381.58", "churn_score", "0.8823", "product_tier", "pro"));
        List<Map<String, Object>> deadLetters = AdminLists.items(http,
                "/admin/dead-letters?sync=stripe_customer_facts&status=open");
        assertThat(deadLetters).extracting(letter -> letter.get("recordKey"), letter -> letter.get("errorCode"))
                .containsExactlyInAnyOrder(tuple("cus_00042", "resource_missing"),
                        tuple("cus_00137", "resource_missing"));

        // the walkthrough in the README: one of them signs up, then every dead letter is replayed
        sandbox.addCustomer("cus_00042", "new.customer@example.org", "New Customer");
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=stripe_customer_facts",
                null, Map.class);

        assertThat(replay.getBody()).containsEntry("replayed", 2).containsEntry("delivered", 1)
                .containsEntry("failed", 1);
        assertThat(sandbox.customer("cus_00042").orElseThrow().metadata()).containsKeys("lifetime_value",
                "churn_score", "product_tier");
    }

    @Test
    void theShippedUsageSyncBillsEachFinishedDayOnceAsAMeterEvent() {
        SyncRun run = runner.run("stripe_usage", SyncRun.Trigger.MANUAL);

        // five customers' last three days; cus_00137 never signed up: its three days are dead letters
        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().read()).isEqualTo(15);
        assertThat(run.counts().created()).isEqualTo(12);
        assertThat(run.counts().deadLettered()).isEqualTo(3);
        assertThat(sandbox.meterEvents()).hasSize(12).allSatisfy(event -> {
            assertThat(event.eventName()).isEqualTo("api_calls");
            assertThat(event.payload()).containsOnlyKeys("stripe_customer_id", "value");
        });
        assertThat(AdminLists.items(http, "/admin/dead-letters?sync=stripe_usage&status=open"))
                .extracting(letter -> letter.get("errorCode")).containsOnly("meter_event_customer_not_found");

        assertThat(runner.run("stripe_usage", SyncRun.Trigger.MANUAL).counts().unchanged()).isEqualTo(15);
        assertThat(sandbox.meterEvents()).hasSize(12);
        assertThat(sandbox.duplicateMeterEvents()).isZero();
    }
}
