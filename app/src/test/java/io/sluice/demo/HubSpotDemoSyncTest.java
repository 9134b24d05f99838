package io.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.support.AdminLists;

/**
 * The shipped routes/hubspot_contacts.yaml and routes/high_value_at_risk.yaml as a newcomer runs them: the seeded
 * demo warehouse and the local HubSpot sandbox, wired by the embedded default. Only the state store and ports are
 * moved. The list is kept after the contacts exist, as the tour runs them.
 */
@EmbeddedDefaultContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubSpotDemoSyncTest {

    @Autowired
    SyncRunner runner;
    @Autowired
    HubSpotSandbox sandbox;
    @Autowired
    TestRestTemplate http;

    @Test
    @Order(1)
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

    @Test
    @Order(2)
    void theSegmentBecomesTheMembersOfTheDemoListAndLeavesEveryContactAsItWas(
            @Value("${sluice.warehouse.url}") String url, @Value("${sluice.warehouse.username:}") String user,
            @Value("${sluice.warehouse.password:}") String password) {
        runner.run("hubspot_contacts", SyncRun.Trigger.MANUAL);
        List<HubSpotSandbox.CrmObject> contacts = sandbox.objects("contacts");

        SyncRun run = runner.run("high_value_at_risk", SyncRun.Trigger.MANUAL);

        // 52 customers are in the segment; cus_00055's address was refused, so HubSpot has no contact for it
        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().read()).isEqualTo(52);
        assertThat(run.counts().created()).isEqualTo(51);
        assertThat(sandbox.listMembers("1")).hasSize(51)
                .contains(sandbox.findObject("contacts", "customer_id", "cus_00006").orElseThrow().id());
        assertThat(AdminLists.items(http, "/admin/dead-letters?sync=high_value_at_risk&status=open"))
                .singleElement().satisfies(letter -> assertThat(letter)
                        .containsEntry("recordKey", "billing@@example.org").containsEntry("errorCode", "MEMBER_NOT_FOUND"));

        new JdbcTemplate(new DriverManagerDataSource(url, user, password)).update(
                "DELETE FROM analytics.customer_segments WHERE customer_id = 'cus_00006'");
        SyncRun afterLeaving = runner.run("high_value_at_risk", SyncRun.Trigger.MANUAL);

        assertThat(afterLeaving.counts().deleted()).isEqualTo(1);
        assertThat(sandbox.listMembers("1")).hasSize(50)
                .doesNotContain(sandbox.findObject("contacts", "customer_id", "cus_00006").orElseThrow().id());
        assertThat(sandbox.objects("contacts")).as("no contact created, changed or archived").isEqualTo(contacts);
    }
}
