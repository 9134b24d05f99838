package io.sluice.destinations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.slack.SlackSandbox.PostedMessage;
import io.sluice.sandbox.slack.SlackSandbox.RecordedRequest;
import io.sluice.support.AdminLists;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Slack syncs and alerts through an incoming webhook ({@code sluice.slack.webhook-url}, no token): camel-slack
 * posts JSON to the webhook, which answers errors as plain text with a status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackWebhookPipelineTest {

    static final SlackSandbox SLACK = SlackSandbox.start(0);
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("slack_webhook_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("slack_webhook_state");

    @Autowired
    SyncRunner runner;
    @Autowired
    SlackNotifier notifier;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-slack-webhook-routes");
        for (String table : List.of("launches", "rejected_launches", "outage_launches")) {
            Files.writeString(routes.resolve(table + ".yaml"), """
                    model:
                      query: SELECT product, note FROM crm.%s ORDER BY product
                    destination: slack
                    mapping:
                      product: product
                      note: note
                    slack:
                      channel: "#general"
                      text: "{{product}} launched"
                      blocks:
                        - type: section
                          block_id: launch
                          text: {type: mrkdwn, text: "{{note}}"}
                        - type: image
                          image_url: "https://example.com/{{product}}.png"
                          alt_text: "{{product}}"
                    %s
                    schedule: manual
                    sync_mode: full
                    """.formatted(table, table.equals("launches") ? "" : "  initial_run: send"));
            WAREHOUSE.jdbc().execute("CREATE SCHEMA IF NOT EXISTS crm");
            WAREHOUSE.jdbc().execute("CREATE TABLE crm." + table + " (product VARCHAR(40), note VARCHAR(200))");
        }
        Files.writeString(routes.resolve("per_row_channel.yaml"), """
                model:
                  query: SELECT product, note FROM crm.launches
                destination: slack
                mapping:
                  product: product
                  note: note
                slack:
                  channel_column: note
                  text: "{{product}}"
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.slack.webhook-url", SLACK::webhookUrl);
        registry.add("sluice.slack.channel-period", () -> "100ms");
    }

    @BeforeEach
    void freshWorkspace() {
        SLACK.reset();
        SLACK.setChannelRateLimit(1, Duration.ofMillis(50));
    }

    @Test
    void theFirstRunPostsNothingThenANewRowIsOneMessageWithItsBlocksAsWritten() {
        WAREHOUSE.jdbc().update("INSERT INTO crm.launches VALUES ('alpha', 'is out'), ('beta', 'is out')");
        SyncRun first = runner.run("launches", SyncRun.Trigger.MANUAL);
        assertThat(first.counts().unchanged()).isEqualTo(2);
        assertThat(SLACK.requests()).isEmpty();

        WAREHOUSE.jdbc().update("INSERT INTO crm.launches VALUES ('gamma', 'is \"out\" <today>')");
        SyncRun second = runner.run("launches", SyncRun.Trigger.MANUAL);

        assertThat(second.counts().created()).isEqualTo(1);
        assertThat(SLACK.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo(SlackSandbox.WEBHOOK_PATH);
            assertThat(request.headers()).doesNotContainKey("authorization")
                    .hasEntrySatisfying("content-type", type -> assertThat(type).startsWith("application/json"));
            assertThat(request.status()).isEqualTo(200);
        });
        assertThat(SLACK.messages()).singleElement().satisfies(message -> {
            assertThat(message.channel()).isEqualTo("#general");
            assertThat(message.via()).isEqualTo(SlackSandbox.VIA_WEBHOOK);
            assertThat(message.text()).isEqualTo("gamma launched");
            assertThat(message.blocks().get(0).path("block_id").asText()).isEqualTo("launch");
            assertThat(message.blocks().get(0).path("text").path("text").asText())
                    .isEqualTo("is \"out\" &lt;today&gt;");
            assertThat(message.blocks().get(1).path("image_url").asText()).isEqualTo("https://example.com/gamma.png");
            assertThat(message.blocks().get(1).path("alt_text").asText()).isEqualTo("gamma");
        });
    }

    @Test
    void aPayloadTheWebhookRefusesIsThatRowsDeadLetterAndAGoneChannelRefusesEveryRowForGood() {
        // without a note the section's text is empty, which Block Kit refuses
        WAREHOUSE.jdbc().update("INSERT INTO crm.rejected_launches VALUES ('ok', 'is out'), ('quiet', NULL)");

        SyncRun refused = runner.run("rejected_launches", SyncRun.Trigger.MANUAL);

        assertThat(refused.counts().created()).isEqualTo(1);
        assertThat(deadLetters("rejected_launches")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("recordKey", "quiet").containsEntry("errorCode", "invalid_blocks")
                    .containsEntry("retryable", false)
                    .containsEntry("attempts", 1);
            assertThat(letter.get("errorMessage").toString())
                    .contains("The incoming webhook for #general answered HTTP 400: invalid_blocks");
        });

        SLACK.archiveChannel("#general");
        WAREHOUSE.jdbc().update("UPDATE crm.rejected_launches SET note = 'is back' WHERE product = 'ok'");
        runner.run("rejected_launches", SyncRun.Trigger.MANUAL);

        assertThat(deadLetters("rejected_launches")).filteredOn(letter -> "ok".equals(letter.get("recordKey")))
                .singleElement().satisfies(letter -> assertThat(letter)
                        .containsEntry("errorCode", "channel_is_archived")
                        .containsEntry("retryable", false)
                        .containsEntry("attempts", 1));
    }

    @Test
    void throttlingIsWaitedForAsTheWebhookAsksAndOutagesAreRetried() {
        WAREHOUSE.jdbc().update("INSERT INTO crm.outage_launches VALUES ('delta', 'is out')");
        SLACK.failNextPosts(1, 429);
        long started = System.nanoTime();
        SyncRun throttled = runner.run("outage_launches", SyncRun.Trigger.MANUAL);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("Retry-After: 1 was honoured")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(throttled.counts().created()).isEqualTo(1);

        WAREHOUSE.jdbc().update("INSERT INTO crm.outage_launches VALUES ('epsilon', 'is out')");
        SLACK.failNextPosts(2, 500);
        SyncRun outage = runner.run("outage_launches", SyncRun.Trigger.MANUAL);

        assertThat(outage.counts().created()).isEqualTo(1);
        assertThat(SLACK.requests()).extracting(RecordedRequest::status).containsExactly(429, 200, 500, 500, 200);
        assertThat(SLACK.messages()).extracting(PostedMessage::text).containsExactly("delta launched",
                "epsilon launched");
    }

    @Test
    void alertsGoThroughTheWebhookToo() {
        notifier.post("Sluice started");

        assertThat(SLACK.messages()).singleElement().satisfies(message -> {
            assertThat(message.channel()).isEqualTo("#general");
            assertThat(message.text()).isEqualTo("Sluice started");
        });
    }

    @Test
    void aChannelPerRowIsRefusedAtLoad() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("per_row_channel")).singleElement()
                .satisfies(sync -> assertThat(sync.get("errors").toString()).contains("slack.channel_column",
                        "an incoming webhook posts only to its own channel"));
    }

    private List<Map<String, Object>> deadLetters(String sync) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status=open", sync);
    }
}
