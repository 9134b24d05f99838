package io.sluice.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.sluice.audit.AuditRetention;
import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.PlanSummary;
import io.sluice.runs.RunBlocked;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.MutableClock;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.state.Watermark;
import io.sluice.state.WatermarkStore;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Guards and the row-level audit, end to end against the Salesforce fake: a plan that trips a guard
 * sends nothing and waits; an approval sends exactly that plan; every delivered, failed or deleted
 * record can be looked up. Subclasses run it on PostgreSQL and on H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(GuardedRunContract.Probes.class)
abstract class GuardedRunContract {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);

    @TestConfiguration
    static class Probes {
        final List<RunBlocked> blocked = new CopyOnWriteArrayList<>();

        @Bean
        MutableClock auditClock() {
            return new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        }

        @EventListener
        void onBlocked(RunBlocked event) {
            blocked.add(event);
        }
    }

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    RunRepository runs;
    @Autowired
    JdbcTemplate stateStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    Probes probes;
    @Autowired
    MutableClock clock;
    @Autowired
    AuditRetention retention;

    abstract JdbcTemplate warehouse();

    static void configure(DynamicPropertyRegistry registry, TestDatabase warehouse, TestDatabase stateStore) {
        createWarehouseTables(warehouse.jdbc());
        SluiceTestProperties.register(registry, writeSyncFiles(), warehouse, stateStore, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "0");
    }

    @BeforeEach
    void resetFake() {
        SALESFORCE.reset();
    }

    @Test
    void deletingMoreThanTheLimitBlocksTheRunUntilAnOperatorApprovesExactlyThatPlan() {
        seedAccounts("crm.guarded_accounts", "G", 20);
        assertThat(runner.run("guarded_accounts", SyncRun.Trigger.MANUAL).status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        warehouse().update("DELETE FROM crm.guarded_accounts WHERE n > 10");
        int callsBefore = SALESFORCE.calls().size();

        SyncRun blocked = runner.run("guarded_accounts", SyncRun.Trigger.MANUAL);

        assertThat(blocked.status()).isEqualTo(SyncRun.Status.BLOCKED);
        assertThat(blocked.blockedBy().guard()).isEqualTo("deletes");
        assertThat(blocked.blockedBy().plan()).isEqualTo(new PlanSummary(10, 0, 0, 10, 20, 20L));
        assertThat(SALESFORCE.calls()).as("nothing sent").hasSize(callsBefore);
        assertThat(state.count("guarded_accounts")).isEqualTo(20);
        assertThat(probes.blocked).extracting(event -> event.run().id()).contains(blocked.id());
        Map<String, Object> shown = http.getForObject("/admin/runs/{id}", Map.class, blocked.id());
        assertThat(shown).containsEntry("status", "BLOCKED");
        assertThat((Map<String, Object>) shown.get("blockedBy"))
                .containsEntry("guard", "deletes")
                .containsEntry("reason", "the plan deletes 10 of the 20 records this sync holds (50%); the limit is 20%")
                .containsEntry("plan", Map.of("read", 10, "creates", 0, "updates", 0, "deletes", 10, "held", 20,
                        "previousRowsRead", 20))
                .satisfies(report -> assertThat((Map<String, Object>) report.get("thresholds"))
                        .containsEntry("maxDeletePercent", 20.0).containsEntry("minRecords", 10));

        // a pending plan is not bypassed by later runs, manual or scheduled
        ResponseEntity<Map> another = http.postForEntity("/admin/syncs/guarded_accounts/run", null, Map.class);
        assertThat(another.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(another.getBody().get("detail").toString())
                .contains("run " + blocked.id() + " blocked by the deletes guard", "/admin/runs/" + blocked.id() + "/approve");
        runner.runScheduled("guarded_accounts");
        assertThat(runs.history("guarded_accounts", 10)).extracting(SyncRun::id).first().isEqualTo(blocked.id());

        ResponseEntity<Map> approved = http.postForEntity("/admin/runs/{id}/approve", null, Map.class, blocked.id());

        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(approved.getBody()).containsEntry("status", "SUCCEEDED");
        assertThat((Map<String, Object>) approved.getBody().get("counts")).containsEntry("deleted", 10)
                .containsEntry("read", 10);
        assertThat(accountNumbers("G")).containsExactlyInAnyOrder(numbers("G", 1, 10));
        assertThat(state.count("guarded_accounts")).isEqualTo(10);
        assertThat(planRows(blocked.id())).isZero();
        assertThat(http.postForEntity("/admin/runs/{id}/approve", null, Map.class, blocked.id()).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(records(blocked.id(), "status=delivered&limit=100").get("items"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .extracting(item -> ((Map<String, Object>) item).get("operation")).containsOnly("delete").hasSize(10);
    }

    @Test
    void anApprovalSendsThePlannedValuesEvenAfterTheWarehouseMovedOn() {
        seedAccounts("crm.changed_accounts", "C", 20);
        runner.run("changed_accounts", SyncRun.Trigger.MANUAL);
        // a few changes are below the guards' minimum: delivered at once
        warehouse().update("UPDATE crm.changed_accounts SET name = 'Small ' || n WHERE n <= 3");
        SyncRun small = runner.run("changed_accounts", SyncRun.Trigger.MANUAL);
        assertThat(small.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(small.counts().updated()).isEqualTo(3);

        warehouse().update("UPDATE crm.changed_accounts SET name = 'Planned ' || n");
        SyncRun blocked = runner.run("changed_accounts", SyncRun.Trigger.MANUAL);
        assertThat(blocked.status()).isEqualTo(SyncRun.Status.BLOCKED);
        assertThat(blocked.blockedBy().guard()).isEqualTo("changes");
        assertThat(blocked.blockedBy().plan()).isEqualTo(new PlanSummary(20, 0, 20, 0, 20, 20L));
        warehouse().update("UPDATE crm.changed_accounts SET name = 'Later ' || n");
        warehouse().update("DELETE FROM crm.changed_accounts WHERE n = 7");
        int callsBefore = SALESFORCE.calls().size();

        SyncRun approved = runner.approve(blocked.id());

        assertThat(approved.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(approved.counts().updated()).isEqualTo(20);
        assertThat(SALESFORCE.calls()).hasSize(callsBefore + 1);
        for (int n = 1; n <= 20; n++) {
            assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "C-" + n)).get()
                    .satisfies(account -> assertThat(account.get("Name")).isEqualTo("Planned " + account
                            .get("Account_Number__c").toString().substring(2)));
        }
        Map<String, Object> audit = records(approved.id(), "status=delivered&limit=100");
        assertThat(audit).containsEntry("total", 20);
        assertThat((List<Map<String, Object>>) audit.get("items")).allSatisfy(item -> {
            assertThat(item).containsEntry("operation", "update").containsEntry("runId", (int) approved.id());
            assertThat((Map<String, Object>) item.get("payload")).containsEntry("Name",
                    "Planned " + item.get("recordKey").toString().substring(2));
            assertThat(item.get("destinationId")).isEqualTo(SALESFORCE.findRecord("Account", "Account_Number__c",
                    item.get("recordKey")).orElseThrow().get("Id"));
        });
    }

    @Test
    void aDiscardedPlanIsDroppedUnsentAndTheNextRunPlansAfresh() {
        seedAccounts("crm.discarded_accounts", "D", 20);
        runner.run("discarded_accounts", SyncRun.Trigger.MANUAL);
        warehouse().update("DELETE FROM crm.discarded_accounts");
        SyncRun blocked = runner.run("discarded_accounts", SyncRun.Trigger.MANUAL);
        assertThat(blocked.blockedBy().guard()).isEqualTo("deletes");
        assertThat(planRows(blocked.id())).isEqualTo(20);
        int callsBefore = SALESFORCE.calls().size();

        ResponseEntity<Map> discarded = http.postForEntity("/admin/runs/{id}/discard", null, Map.class, blocked.id());

        assertThat(discarded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(discarded.getBody()).containsEntry("status", "DISCARDED");
        assertThat(planRows(blocked.id())).isZero();
        assertThat(SALESFORCE.calls()).hasSize(callsBefore);
        assertThat(accountNumbers("D")).hasSize(20);
        assertThat(state.count("discarded_accounts")).isEqualTo(20);
        assertThat(http.postForEntity("/admin/runs/{id}/approve", null, Map.class, blocked.id()).getBody()
                .get("detail").toString()).contains("is DISCARDED, not BLOCKED");

        SyncRun next = runner.run("discarded_accounts", SyncRun.Trigger.MANUAL);
        assertThat(next.id()).isNotEqualTo(blocked.id());
        assertThat(next.status()).isEqualTo(SyncRun.Status.BLOCKED);
        runner.discard(next.id());
    }

    @Test
    void aModelThatSuddenlyReturnsNothingIsBlockedByTheSyncsOwnThreshold() {
        seedAccounts("crm.emptied_accounts", "E", 6);
        runner.run("emptied_accounts", SyncRun.Trigger.MANUAL);
        warehouse().update("DELETE FROM crm.emptied_accounts");

        SyncRun blocked = runner.run("emptied_accounts", SyncRun.Trigger.MANUAL);

        assertThat(blocked.status()).isEqualTo(SyncRun.Status.BLOCKED);
        assertThat(blocked.blockedBy().guard()).isEqualTo("empty_model");
        assertThat(blocked.blockedBy().reason()).isEqualTo("the model returned no rows; the last successful run read 6");
        assertThat(blocked.blockedBy().thresholds().minPreviousRows()).isEqualTo(5);
        assertThat(runner.approve(blocked.id()).status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(accountNumbers("E")).hasSize(6);
    }

    @Test
    void aSyncWithGuardsOffDeliversEvenAWipe() {
        seedAccounts("crm.unguarded_accounts", "U", 20);
        runner.run("unguarded_accounts", SyncRun.Trigger.MANUAL);
        warehouse().update("DELETE FROM crm.unguarded_accounts");

        SyncRun wipe = runner.run("unguarded_accounts", SyncRun.Trigger.MANUAL);

        assertThat(wipe.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(wipe.counts().deleted()).isEqualTo(20);
        assertThat(accountNumbers("U")).isEmpty();
    }

    @Test
    void theWatermarkMovesOnlyWhenTheBlockedPlanIsDelivered() {
        for (int n = 1; n <= 20; n++) {
            warehouse().update("INSERT INTO crm.cursor_contacts VALUES (?, 'Before', TIMESTAMP '2026-11-01 10:00:00')",
                    "cursor" + n + "@example.com");
        }
        runner.run("cursor_contacts", SyncRun.Trigger.MANUAL);
        warehouse().update("UPDATE crm.cursor_contacts SET last_name = 'After',"
                + " updated_at = TIMESTAMP '2026-11-02 10:00:00'");

        SyncRun blocked = runner.run("cursor_contacts", SyncRun.Trigger.MANUAL);

        assertThat(blocked.blockedBy().guard()).isEqualTo("changes");
        assertThat(watermarks.find("cursor_contacts")).hasValue(new Watermark(Watermark.Type.TIMESTAMP, "2026-11-01T10:00"));
        runner.approve(blocked.id());
        assertThat(watermarks.find("cursor_contacts")).hasValue(new Watermark(Watermark.Type.TIMESTAMP, "2026-11-02T10:00"));
        assertThat(SALESFORCE.findRecord("Contact", "Email", "cursor20@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("LastName", "After"));
    }

    @Test
    void theAuditOfARunMatchesWhatTheDestinationReceivedAndAnswersPerRecordKey() {
        SALESFORCE.requireFields("Lead", "Company");
        warehouse().update("INSERT INTO crm.audited_leads VALUES ('a@example.com', 'Acme'), ('b@example.com', 'Globex'),"
                + " ('c@example.com', NULL), ('d@example.com', 'Initech'), ('e@example.com', 'Umbrella')");

        SyncRun run = runner.run("audited_leads", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(4);
        assertThat(records(run.id(), "")).containsEntry("total", 5);
        Map<String, Object> delivered = records(run.id(), "status=delivered");
        assertThat(delivered).containsEntry("total", 4).containsEntry("offset", 0).containsEntry("limit", 100);
        assertThat((List<Map<String, Object>>) delivered.get("items")).hasSize(4).allSatisfy(item -> {
            assertThat(item).containsEntry("operation", "create").containsEntry("status", "delivered")
                    .containsEntry("sync", "audited_leads").containsEntry("error", null);
            assertThat(item.get("destinationId")).isEqualTo(SALESFORCE.findRecord("Lead", "Email", item.get("recordKey"))
                    .orElseThrow().get("Id"));
        });
        assertThat((List<Map<String, Object>>) records(run.id(), "status=FAILED").get("items")).singleElement()
                .satisfies(item -> {
                    assertThat(item).containsEntry("recordKey", "c@example.com").containsEntry("operation", "create")
                            .containsEntry("destinationId", null);
                    assertThat(item.get("error").toString()).startsWith("REQUIRED_FIELD_MISSING: ");
                });

        Map<String, Object> first = records(run.id(), "status=delivered&limit=3&offset=0");
        Map<String, Object> second = records(run.id(), "status=delivered&limit=3&offset=3");
        assertThat(first).containsEntry("total", 4).containsEntry("limit", 3);
        assertThat((List<?>) first.get("items")).hasSize(3);
        assertThat((List<?>) second.get("items")).hasSize(1);
        assertThat(keys(first, second)).containsExactlyInAnyOrder("a@example.com", "b@example.com", "d@example.com",
                "e@example.com");

        warehouse().update("UPDATE crm.audited_leads SET company = 'Acme Two' WHERE email = 'a@example.com'");
        SyncRun update = runner.run("audited_leads", SyncRun.Trigger.MANUAL);
        assertThat((List<Map<String, Object>>) records(update.id(), "key=a@example.com").get("items")).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("operation", "update")
                        .containsEntry("status", "delivered")
                        .containsEntry("payload", Map.of("Email", "a@example.com", "Company", "Acme Two")));
        assertThat(records(update.id(), "key=b@example.com")).containsEntry("total", 0);
        HttpHeaders viewer = new HttpHeaders();
        viewer.setBearerAuth(SluiceTestProperties.VIEWER_TOKEN);
        Map<String, Object> asViewer = http.exchange("/admin/runs/{id}/records?key=a@example.com", HttpMethod.GET,
                new HttpEntity<>(viewer), new ParameterizedTypeReference<Map<String, Object>>() {
                }, update.id()).getBody();
        assertThat((List<Map<String, Object>>) asViewer.get("items")).singleElement().satisfies(item ->
                assertThat(item).containsEntry("recordKey", "a@example.com").containsEntry("payload", null));

        assertThat(http.getForEntity("/admin/runs/{id}/records?status=lost", Map.class, run.id()).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/admin/runs/{id}/records?limit=0", Map.class, run.id()).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/admin/runs/987654/records", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aBatchThatFailsAsAWholeIsAuditedAsDeadLettered() {
        warehouse().update("INSERT INTO crm.outage_accounts VALUES ('O-1', 'Outage', 1), ('O-2', 'Outage', 2)");
        SALESFORCE.failNextCalls(1, 503);

        SyncRun run = runner.run("outage_accounts", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().deadLettered()).isEqualTo(2);
        assertThat((List<Map<String, Object>>) records(run.id(), "status=dead_lettered").get("items")).hasSize(2)
                .allSatisfy(item -> {
                    assertThat(item).containsEntry("operation", "create");
                    assertThat(item.get("error").toString()).startsWith("SERVER_UNAVAILABLE: ");
                });
    }

    @Test
    void auditRowsOlderThanTheRetentionArePurged() {
        seedAccounts("crm.retained_accounts", "R", 3);
        SyncRun old = runner.run("retained_accounts", SyncRun.Trigger.MANUAL);
        clock.advance(Duration.ofDays(20));
        warehouse().update("UPDATE crm.retained_accounts SET name = 'Renamed ' || n");
        SyncRun recent = runner.run("retained_accounts", SyncRun.Trigger.MANUAL);
        clock.advance(Duration.ofDays(10).plusMinutes(1));

        long purged = retention.purge();

        assertThat(purged).isGreaterThanOrEqualTo(3);
        assertThat(records(old.id(), "")).containsEntry("total", 0);
        assertThat(records(recent.id(), "")).containsEntry("total", 3);
    }

    private void seedAccounts(String table, String prefix, int count) {
        for (int n = 1; n <= count; n++) {
            warehouse().update("INSERT INTO " + table + " VALUES (?, ?, ?)", prefix + "-" + n, "Name " + n, n);
        }
    }

    private List<Object> accountNumbers(String prefix) {
        return SALESFORCE.records("Account").stream().map(account -> account.get("Account_Number__c"))
                .filter(number -> number.toString().startsWith(prefix + "-")).toList();
    }

    private static Object[] numbers(String prefix, int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(n -> prefix + "-" + n).toArray();
    }

    private long planRows(long runId) {
        return stateStore.queryForObject("SELECT COUNT(*) FROM run_plan WHERE run_id = ?", Long.class, runId);
    }

    private Map<String, Object> records(long runId, String query) {
        return http.exchange("/admin/runs/{id}/records?" + query, HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() {
                }, runId).getBody();
    }

    private static List<Object> keys(Map<String, Object>... pages) {
        return java.util.Arrays.stream(pages)
                .flatMap(page -> ((List<Map<String, Object>>) page.get("items")).stream())
                .map(item -> item.get("recordKey")).toList();
    }

    static void createWarehouseTables(JdbcTemplate warehouse) {
        warehouse.execute("CREATE SCHEMA crm");
        for (String table : List.of("guarded_accounts", "changed_accounts", "discarded_accounts", "emptied_accounts",
                "unguarded_accounts", "outage_accounts", "retained_accounts")) {
            warehouse.execute("CREATE TABLE crm." + table + " (account_number VARCHAR(20), name VARCHAR(100), n INTEGER)");
        }
        warehouse.execute("CREATE TABLE crm.cursor_contacts (email VARCHAR(200), last_name VARCHAR(100),"
                + " updated_at TIMESTAMP)");
        warehouse.execute("CREATE TABLE crm.audited_leads (email VARCHAR(200), company VARCHAR(100))");
    }

    static Path writeSyncFiles() {
        try {
            Path routes = Files.createTempDirectory("sluice-guarded-routes");
            write(routes, "guarded_accounts", accounts("guarded_accounts", "mirror", ""));
            write(routes, "changed_accounts", accounts("changed_accounts", "full", ""));
            write(routes, "discarded_accounts", accounts("discarded_accounts", "mirror", ""));
            write(routes, "emptied_accounts", accounts("emptied_accounts", "full", """
                    guards:
                      min_previous_rows: 5
                    """));
            write(routes, "unguarded_accounts", accounts("unguarded_accounts", "mirror", """
                    guards:
                      enabled: false
                    """));
            write(routes, "outage_accounts", accounts("outage_accounts", "full", ""));
            write(routes, "retained_accounts", accounts("retained_accounts", "full", """
                    guards:
                      enabled: false
                    """));
            write(routes, "cursor_contacts", """
                    model:
                      name: contacts
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
            write(routes, "audited_leads", """
                    model:
                      name: leads
                      query: SELECT email, company FROM crm.audited_leads
                    destination: salesforce
                    mapping:
                      email: Email
                      company: Company
                    schedule: manual
                    sync_mode: full
                    """);
            return routes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String accounts(String table, String mode, String guards) {
        return """
                model:
                  name: accounts
                  query: SELECT account_number, name FROM crm.%s
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: manual
                sync_mode: %s
                """.formatted(table, mode) + guards;
    }

    private static void write(Path routes, String sync, String content) throws IOException {
        Files.writeString(routes.resolve(sync + ".yaml"), content);
    }
}
