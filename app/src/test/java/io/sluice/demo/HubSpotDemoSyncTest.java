package io.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.support.AdminLists;

/**
 * The shipped routes/hubspot_contacts.yaml as a newcomer runs it: the seeded demo warehouse and the
 * local HubSpot sandbox, wired by the embedded default. Only the state store and ports are moved.
 */
@EmbeddedDefaultContext
class HubSpotDemoSyncTest {

    @Autowired
    SyncRunner runner;
    @Autowired
    HubSpotSandbox sandbox;
    @Autowired
    TestRestTemplate http;

    @Test
    void theDemoSyncWritesTheCustomersToTheSandboxAndDeadLettersTheInvalidAddress() {
        SyncRun run = runner.run("hubspot_contacts", SyncRun.Trigger.MANUAL);

        // 200 demo customers, one of them with the address billing@@example.org
        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().read()).isEqualTo(200);
        assertThat(run.counts().created()).isEqualTo(199);
        assertThat(run.counts().deadLettered()).isEqualTo(1);
        assertThat(sandbox.requests()).extracting(HubSpotSandbox.RecordedRequest::inputs).containsExactly(100, 100);
        assertThat(sandbox.objects("contacts")).hasSize(199);
        assertThat(sandbox.findObject("contacts", "customer_id", "cus_00168")).get()
                .satisfies(contact -> assertThat(contact.properties())
                        .containsEntry("email", "alan.torvalds.c168@example.org")
                        .containsEntry("firstname", "Alan")
                        .containsEntry("lastname", "Torvalds")
                        .containsEntry("lifetime_value", "16472.53")
                        .containsEntry("churn_score", "0.0708")
                        .containsEntry("product_tier", "enterprise")
                        .containsEntry("last_activity_at", "2026-11-25T09:30:00Z"));
        List<Map<String, Object>> deadLetters = AdminLists.items(http,
                "/admin/dead-letters?sync=hubspot_contacts&status=open");
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("recordKey", "cus_00055").containsEntry("errorCode", "VALIDATION_ERROR");
            assertThat(letter.get("errorMessage").toString()).contains("INVALID_EMAIL", "billing@@example.org");
        });

        assertThat(runner.run("hubspot_contacts", SyncRun.Trigger.MANUAL).counts().unchanged()).isEqualTo(200);
        assertThat(sandbox.requests()).as("nothing changed, nothing sent").hasSize(2);
    }
}
