package io.sluice.destinations.slack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.support.AdminLists;
import io.sluice.support.ShippedSyncFiles;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Sluice with a bot token, its real camel-slack client pointed at the Slack sandbox through
 * {@code sluice.slack.*} alone, on an H2 warehouse and state store. Subclasses share one Spring context.
 *
 * <p>The client sends at most one message per channel per 300 ms and the sandbox allows one per 100 ms, so only
 * a test that tightens the sandbox's limit meets a 429 (the margin absorbs calls that take longer than others).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SlackTokenModeContext {

    static final SlackSandbox SLACK = SlackSandbox.start(0);
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("slack_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("slack_state");
    static final Duration CLIENT_PERIOD = Duration.ofMillis(300);

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    SlackMessages messages;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        Path routes = SlackSyncFiles.write();
        SlackSyncFiles.createTables(WAREHOUSE.jdbc());
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.slack.token", () -> SlackSandbox.DEMO_BOT_TOKEN);
        registry.add("sluice.slack.base-url", SLACK::baseUrl);
        registry.add("sluice.slack.messages-per-channel", () -> "1");
        registry.add("sluice.slack.channel-period", () -> CLIENT_PERIOD.toMillis() + "ms");
    }

    @BeforeEach
    void freshWorkspace() {
        SLACK.reset();
        SLACK.setChannelRateLimit(1, Duration.ofMillis(100));
    }

    /**
     * The first message to a channel starts camel-slack's producer for it (an HTTP client, and once per token
     * the SDK's {@code auth.test}), which can take seconds. The throttle spaces messages as they leave, so a
     * test of their spacing on arrival starts with warm channels and a fresh sandbox.
     */
    void warmUp(String... channels) {
        for (String channel : channels) {
            producer.send(SlackRoutes.POST,
                    exchange -> messages.prepareMessage(exchange, channel, "warm-up", List.of()));
        }
        freshWorkspace();
    }

    JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }

    static List<SlackSandbox.RecordedRequest> posts() {
        return SLACK.requests().stream().filter(request -> request.path().equals("/api/chat.postMessage")).toList();
    }

    List<Map<String, Object>> deadLetters(String sync) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status=open", sync);
    }

    /** Sync files of the wire tests, each reading its own table. */
    static final class SlackSyncFiles {

        private SlackSyncFiles() {
        }

        static Path write() {
            try {
                Path routes = Files.createTempDirectory("sluice-slack-routes");
                ShippedSyncFiles.copyAsManual("slack_hot_leads.yaml", routes);
                write(routes, "signups_announced.yaml", """
                        model:
                          query: SELECT email, company FROM crm.signups ORDER BY email
                        destination: slack
                        mapping:
                          email: email
                          company: company
                        slack:
                          channel: "#sales"
                          text: "Signup {{email}} at {{company}}"
                          initial_run: send
                        schedule: manual
                        sync_mode: full
                        """);
                for (String table : List.of("deals", "spread_deals")) {
                    write(routes, table + "_to_owners.yaml", """
                            model:
                              query: SELECT deal, owner_channel FROM crm.%s ORDER BY deal
                            destination: slack
                            mapping:
                              deal: deal
                              owner_channel: channel
                            slack:
                              channel_column: owner_channel
                              text: "Deal {{deal}} needs you"
                              initial_run: send
                            schedule: manual
                            sync_mode: full
                            """.formatted(table));
                }
                write(routes, "account_notes.yaml", """
                        model:
                          query: SELECT account, note FROM crm.account_notes ORDER BY account
                        destination: slack
                        mapping:
                          account: account
                          note: note
                        slack:
                          channel: "#sales"
                          text: "{{account}}: {{note}}"
                          blocks:
                            - type: section
                              text: {type: mrkdwn, text: "{{note}}"}
                          initial_run: send
                        schedule: manual
                        sync_mode: full
                        """);
                for (String table : List.of("outage", "refusal", "throttled")) {
                    write(routes, table + "_signups.yaml", """
                            model:
                              query: SELECT email FROM crm.%s_signups ORDER BY email
                            destination: slack
                            mapping:
                              email: email
                            slack:
                              channel: "#general"
                              text: "Signup {{email}}"
                              initial_run: send
                            schedule: manual
                            sync_mode: full
                            """.formatted(table));
                }
                write(routes, "mirrored_signups.yaml", """
                        model:
                          query: SELECT email FROM crm.signups
                        destination: slack
                        mapping:
                          email: email
                        slack:
                          channel: "#sales"
                          text: "{{email}}"
                        schedule: manual
                        sync_mode: mirror
                        """);
                return routes;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static void createTables(JdbcTemplate warehouse) {
            warehouse.execute("CREATE SCHEMA warehouse");
            warehouse.execute("CREATE SCHEMA crm");
            warehouse.execute("CREATE TABLE warehouse.leads (user_id INTEGER PRIMARY KEY, email VARCHAR(200),"
                    + " first_name VARCHAR(100), last_name VARCHAR(100), company VARCHAR(200))");
            warehouse.execute("CREATE TABLE warehouse.product_usage (user_id INTEGER PRIMARY KEY,"
                    + " page_views INTEGER NOT NULL, trial_days_remaining INTEGER NOT NULL, features_used VARCHAR(500),"
                    + " last_active_at TIMESTAMP NOT NULL)");
            warehouse.execute("CREATE TABLE crm.signups (email VARCHAR(200), company VARCHAR(200))");
            warehouse.execute("CREATE TABLE crm.deals (deal VARCHAR(20), owner_channel VARCHAR(100))");
            warehouse.execute("CREATE TABLE crm.spread_deals (deal VARCHAR(20), owner_channel VARCHAR(100))");
            warehouse.execute("CREATE TABLE crm.account_notes (account VARCHAR(20), note VARCHAR(50000))");
            for (String table : List.of("outage", "refusal", "throttled")) {
                warehouse.execute("CREATE TABLE crm." + table + "_signups (email VARCHAR(200))");
            }
        }

        private static void write(Path routes, String file, String yaml) throws IOException {
            Files.writeString(routes.resolve(file), yaml);
        }
    }
}
