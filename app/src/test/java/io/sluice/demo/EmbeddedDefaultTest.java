package io.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.sluice.destinations.http.HttpConnections;
import io.sluice.destinations.hubspot.HubSpotConnection;
import io.sluice.destinations.slack.SlackConnection;
import io.sluice.destinations.stripe.StripeConnection;
import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.support.AdminLists;

/**
 * The embedded default as a newcomer gets it from config/application.yaml: the shipped sync files,
 * the seeded demo warehouse and the Salesforce sandbox. Only the state store and ports are moved so
 * the test leaves nothing behind.
 */
@EmbeddedDefaultContext
class EmbeddedDefaultTest {

    @Autowired
    SyncRunner runner;
    @Autowired
    SalesforceSandbox sandbox;
    @Autowired
    TestRestTemplate http;

    @Test
    void everyDestinationTalksToItsSandbox(@Autowired HubSpotConnection hubSpot, @Autowired HubSpotSandbox hubSpotSandbox,
                                           @Autowired StripeConnection stripe, @Autowired StripeSandbox stripeSandbox,
                                           @Autowired SlackConnection slack, @Autowired SlackSandbox slackSandbox,
                                           @Autowired HttpConnections connections,
                                           @Autowired IntercomSandbox intercomSandbox) {
        assertThat(hubSpot.baseUrl()).isEqualTo(hubSpotSandbox.baseUrl());
        assertThat(hubSpot.token()).isEqualTo(hubSpotSandbox.token());
        assertThat(stripe.apiBase()).isEqualTo(stripeSandbox.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(stripe.apiKey()).isEqualTo(StripeSandbox.DEMO_API_KEY);
        assertThat(slack.baseUrl()).isEqualTo(slackSandbox.baseUrl());
        assertThat(slack.token()).isEqualTo(SlackSandbox.DEMO_BOT_TOKEN);
        assertThat(slack.mode()).isEqualTo(SlackConnection.Mode.TOKEN);
        assertThat(connections.endpoints()).containsEntry("intercom", URI.create(intercomSandbox.baseUrl()));
        assertThat(connections.secrets()).containsEntry("intercom_token", IntercomSandbox.DEMO_ACCESS_TOKEN);
        assertThat(connections.toString()).doesNotContain(IntercomSandbox.DEMO_ACCESS_TOKEN);
    }

    @Test
    void leadEventsRunsThroughTheTeamsProcessorsAndItsOwnCamelRoute(@Value("${outbox.dir}") Path outbox)
            throws IOException {
        if (Files.isDirectory(outbox)) {
            try (var earlier = Files.list(outbox)) {
                for (Path file : earlier.toList()) {
                    Files.delete(file);
                }
            }
        }
        SyncRun run = runner.run("lead_events", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        SyncRun.Counts counts = run.counts();
        assertThat(counts.created()).isPositive();
        assertThat(counts.filtered()).as("cold leads").isPositive();
        assertThat(counts.created() + counts.filtered() + counts.deadLettered() + counts.duplicates())
                .isEqualTo(counts.read());
        List<Map<String, Object>> deadLetters = AdminLists.items(http,
                "/admin/dead-letters?sync=lead_events&status=open&limit=1000");
        assertThat(deadLetters).extracting(letter -> letter.get("errorMessage"))
                .contains("normalise_contact: 'radia.dijkstra17-at-example.com' is not an e-mail address");
        assertThat(deadLetters).extracting(letter -> letter.get("errorCode"))
                .containsOnly("PROCESSOR_REJECTED", "COMPANY_MISSING");
        String written;
        try (var files = Files.list(outbox)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
            written = text.toString();
        }
        assertThat(written).contains("\"operation\":\"upsert\"", "\"lead_score\":\"hot\"")
                .doesNotContain("\"lead_score\":\"cold\"", "page_views", "first_name");
    }

    @Test
    void theShippedSyncsRunAgainstTheDemoWarehouseAndTheSandbox() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");
        assertThat(syncs).extracting(sync -> sync.get("name"), sync -> sync.get("valid"))
                .contains(tuple("enriched_leads", true), tuple("customer_360", true), tuple("slack_hot_leads", true));

        SyncRun run = runner.run("enriched_leads", SyncRun.Trigger.MANUAL);

        // 301 demo rows: one duplicate, one without an e-mail, three invalid e-mails, two without a company
        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().read()).isEqualTo(301);
        assertThat(run.counts().duplicates()).isEqualTo(1);
        assertThat(run.counts().created()).isEqualTo(294);
        assertThat(run.counts().deadLettered()).isEqualTo(6);
        assertThat(sandbox.records("Lead")).hasSize(294);
        List<Map<String, Object>> deadLetters = AdminLists.items(http,
                "/admin/dead-letters?sync=enriched_leads&status=open");
        assertThat(deadLetters).extracting(letter -> letter.get("errorCode"))
                .containsExactlyInAnyOrder("EMPTY_RECORD_KEY", "INVALID_EMAIL_ADDRESS", "INVALID_EMAIL_ADDRESS",
                        "INVALID_EMAIL_ADDRESS", "REQUIRED_FIELD_MISSING", "REQUIRED_FIELD_MISSING");

        // the walkthrough in the README: the org stops requiring Company, then every dead letter is replayed
        sandbox.requireFields("Lead");
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=enriched_leads", null,
                Map.class);
        assertThat(replay.getBody()).containsEntry("replayed", 5).containsEntry("delivered", 2)
                .containsEntry("failed", 3).containsEntry("skipped", 1);
        Object keyless = deadLetters.stream().filter(letter -> letter.get("recordKey") == null)
                .findFirst().orElseThrow().get("id");
        ResponseEntity<Map> refused = http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class, keyless);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("detail").toString()).contains("no record key", "warehouse");
    }
}
