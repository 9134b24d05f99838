package io.sluice.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.sandbox.MutableClock;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Sluice as an operator watches it: Salesforce and Slack fakes as destinations, Slack and a generic
 * webhook as alert channels, and a clock the tests move. Every sync reads its own table, so the test
 * classes sharing this context do not see each other's runs. The {@code alert-checks} timer is set to an
 * hour: tests call the checks themselves, after moving the clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot leaves metric exporters out of tests unless asked: these tests read /actuator/prometheus
@AutoConfigureObservability(tracing = false)
@Import(ObservedSluice.Clocks.class)
public abstract class ObservedSluice {

    public static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    public static final SlackSandbox SLACK = SlackSandbox.start(0);
    public static final WebhookReceiver WEBHOOK = WebhookReceiver.start();
    public static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    public static final String ALERT_CHANNEL = "#sluice-alerts";
    static final TestDatabase WAREHOUSE = TestDatabases.h2("observed_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("observed_state");

    /** A table per sync: {@code crm.<sync>} with an email and a company. */
    /** What some of the Salesforce syncs' files say beyond the leads sync they share. */
    private static final Map<String, String> SYNC_FILE_BLOCKS = Map.of(
            "alert_rejections", """
                    alerts:
                      rejected_rows_percent: 20
                    """,
            "alert_row_counts", """
                    alerts:
                      row_count_runs: 2
                      row_count_deviation_percent: 50
                    """,
            "alert_dead_letters", """
                    alerts:
                      rejected_rows_percent: 100
                      open_dead_letters: 2
                    """,
            "alert_blocked", """
                    guards:
                      min_records: 1
                    """,
            "alert_silenced", """
                    alerts:
                      enabled: false
                    """);
    static final String[] SALESFORCE_SYNCS = {"metered_leads", "alert_failures", "alert_rejections",
            "alert_row_counts", "alert_dead_letters", "alert_silenced", "alert_blocked", "health_failures", "logged_leads",
            "refused_leads"};

    @Autowired
    protected SyncRunner runner;
    @Autowired
    protected TestRestTemplate http;

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        Path routes = writeSyncFiles();
        createTables(warehouse());
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "1");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.slack.token", () -> SlackSandbox.DEMO_BOT_TOKEN);
        registry.add("sluice.slack.base-url", SLACK::baseUrl);
        // the client spaces messages by 300 ms, the fake allows one per 100 ms: no 429 unless a test asks
        registry.add("sluice.slack.channel-period", () -> "300ms");
        registry.add("sluice.alerts.enabled", () -> "true");
        registry.add("sluice.alerts.webhook.url", WEBHOOK::url);
        registry.add("sluice.alerts.check-interval", () -> "1h");
        registry.add("sluice.health.failed-runs", () -> "2");
        registry.add("sluice.logging.progress-every", () -> "100");
        // rows are counted a diff chunk at a time: chunks of 50 land the count on every hundred
        registry.add("sluice.read.diff-chunk", () -> "50");
    }

    @BeforeEach
    void freshFakes() {
        SALESFORCE.reset();
        SLACK.reset();
        SLACK.setChannelRateLimit(1, Duration.ofMillis(100));
        WEBHOOK.reset();
    }

    public static JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }

    /** Slack's alert channel, as the person on call reads it. */
    public static List<String> slackAlerts() {
        return SLACK.messages(ALERT_CHANNEL).stream().map(SlackSandbox.PostedMessage::text).toList();
    }

    /** What the webhook received, as {state, kind, sync, message}. */
    public static List<Map<String, String>> webhookAlerts() {
        return WEBHOOK.received().stream().map(body -> Map.of("state", body.path("state").asText(),
                "kind", body.path("kind").asText(), "sync", body.path("sync").asText(),
                "message", body.path("message").asText())).toList();
    }

    private static void createTables(JdbcTemplate warehouse) {
        warehouse.execute("CREATE SCHEMA IF NOT EXISTS crm");
        for (String sync : SALESFORCE_SYNCS) {
            warehouse.execute("CREATE TABLE IF NOT EXISTS crm." + sync + " (email VARCHAR(200), company VARCHAR(100))");
        }
        warehouse.execute("CREATE TABLE IF NOT EXISTS crm.cursor_contacts (email VARCHAR(200), last_name VARCHAR(100),"
                + " updated_at TIMESTAMP)");
        warehouse.execute("CREATE TABLE IF NOT EXISTS crm.throttled_posts (email VARCHAR(200))");
        warehouse.execute("CREATE TABLE IF NOT EXISTS crm.alert_late (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE IF NOT EXISTS crm.health_late (email VARCHAR(200), company VARCHAR(100))");
    }

    private static Path writeSyncFiles() {
        try {
            Path routes = Files.createTempDirectory("sluice-observed-routes");
            for (String sync : SALESFORCE_SYNCS) {
                write(routes, sync, leadsSync(sync, "manual") + SYNC_FILE_BLOCKS.getOrDefault(sync, ""));
            }
            // a yearly schedule: Quartz does not fire it while the tests run, the moved clock makes it late
            write(routes, "alert_late", leadsSync("alert_late", "\"0 0 3 1 1 ?\""));
            write(routes, "health_late", leadsSync("health_late", "\"0 0 3 1 1 ?\"") + """
                    alerts:
                      enabled: false
                    """);
            write(routes, "cursor_contacts", """
                    model:
                      query: SELECT email, last_name, updated_at FROM crm.cursor_contacts
                    destination: salesforce
                    object: Contact
                    mapping:
                      email: Email
                      last_name: LastName
                    cursor: updated_at
                    schedule: manual
                    sync_mode: incremental
                    """);
            write(routes, "throttled_posts", """
                    model:
                      query: SELECT email FROM crm.throttled_posts ORDER BY email
                    destination: slack
                    mapping:
                      email: email
                    slack:
                      channel: "#sales"
                      text: "Signup {{email}}"
                      initial_run: send
                    schedule: manual
                    sync_mode: full
                    """);
            write(routes, "broken_watch", """
                    model:
                      query: SELECT email FROM crm.metered_leads
                    destination: salesforce
                    mapping:
                      email: Email
                    schedule: every_fortnight
                    sync_mode: full
                    alerts:
                      late: sometimes
                    """);
            return routes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String leadsSync(String table, String schedule) {
        return """
                model:
                  query: SELECT email, company FROM crm.%s
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                schedule: %s
                sync_mode: full
                """.formatted(table, schedule);
    }

    private static void write(Path routes, String sync, String yaml) throws IOException {
        Files.writeString(routes.resolve(sync + ".yaml"), yaml);
    }
}
