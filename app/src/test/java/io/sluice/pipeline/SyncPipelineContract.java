package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.support.AdminLists;
import io.sluice.support.ShippedSyncFiles;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * What a user of Sluice sees, end to end: a warehouse, sync files, the real camel-salesforce client
 * talking to a faithful Salesforce fake, the state store and the admin API. Subclasses run it on
 * PostgreSQL, H2 and DuckDB warehouses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SyncPipelineContract {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    TestRestTemplate http;
    @Autowired
    SyncReloader reloader;
    @Value("${sluice.processors.dir}")
    Path processors;
    @Value("${sluice.routes-dir}")
    String routes;

    abstract JdbcTemplate warehouse();

    /** Points Sluice at the databases, the sync files and the fake, through configuration alone. */
    static Path configure(DynamicPropertyRegistry registry, TestDatabase warehouse, TestDatabase stateStore) {
        Path routes = writeSyncFiles();
        Path processors = writeProcessors();
        createWarehouseTables(warehouse.jdbc());
        SluiceTestProperties.register(registry, routes, warehouse, stateStore, SALESFORCE);
        registry.add("sluice.processors.dir", processors::toString);
        registry.add("sluice.processors.timeout", () -> "1s");
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        // scheduled_accounts fires every second, so that the test sees it run soon
        registry.add("sluice.schedule.min-interval", () -> "1s");
        // the state store's pages (and the read's chunks) smaller than a mirror test's records
        registry.add("sluice.read.diff-chunk", () -> "100");
        return routes;
    }

    /** As {@link #configure}, with every run of the default warehouse diffed inside it, in schema sluice_state. */
    static void diffInTheWarehouse(DynamicPropertyRegistry registry, TestDatabase warehouse, TestDatabase stateStore) {
        configure(registry, warehouse, stateStore);
        warehouse.jdbc().execute("CREATE SCHEMA IF NOT EXISTS sluice_state");
        registry.add("sluice.warehouse.diff", () -> "warehouse");
        registry.add("sluice.warehouse.state-schema", () -> "sluice_state");
    }

    @BeforeEach
    void resetFake() {
        SALESFORCE.reset();
    }

    @Test
    void theExampleSyncFileDeliversEveryRowInBatchesThenOnlyWhatChanged() {
        List<Object[]> leads = new ArrayList<>();
        List<Object[]> usage = new ArrayList<>();
        for (int i = 1; i <= 450; i++) {
            leads.add(new Object[] {i, "lead" + i + "@example.com", "Company " + i});
            usage.add(new Object[] {i, i % 200, i % 10, "reports;exports",
                    Timestamp.valueOf(LocalDateTime.of(2026, 10, 1, 12, 0))});
        }
        warehouse().batchUpdate("INSERT INTO warehouse.leads (user_id, email, company) VALUES (?, ?, ?)", leads);
        warehouse().batchUpdate("INSERT INTO warehouse.product_usage VALUES (?, ?, ?, ?, ?)", usage);

        SyncRun first = runner.run("enriched_leads", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(first.counts().read()).isEqualTo(450);
        assertThat(first.counts().created()).isEqualTo(450);
        // batches go out several at a time and may arrive in any order
        assertThat(upsertBatchSizes("Lead")).containsExactlyInAnyOrder(200, 200, 50);
        assertThat(SALESFORCE.records("Lead")).hasSize(450);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "lead150@example.com")).get()
                .satisfies(lead -> {
                    assertThat(lead).containsEntry("Company", "Company 150")
                            .containsEntry("Lead_Score__c", "hot")
                            .containsEntry("Features_Used__c", "reports;exports")
                            .containsEntry("Last_Product_Activity__c", "2026-10-01T12:00:00Z");
                });
        assertThat(state.count("enriched_leads")).isEqualTo(450);

        int callsBefore = SALESFORCE.calls().size();
        SyncRun unchanged = runner.run("enriched_leads", SyncRun.Trigger.MANUAL);
        assertThat(unchanged.counts().unchanged()).isEqualTo(450);
        assertThat(SALESFORCE.calls()).hasSize(callsBefore);

        warehouse().update("UPDATE warehouse.product_usage SET page_views = 0 WHERE user_id = 150");
        SyncRun oneChange = runner.run("enriched_leads", SyncRun.Trigger.MANUAL);
        assertThat(oneChange.counts().updated()).isEqualTo(1);
        assertThat(oneChange.counts().unchanged()).isEqualTo(449);
        assertThat(upsertBatchSizes("Lead")).containsExactlyInAnyOrder(200, 200, 50, 1);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "lead150@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("Lead_Score__c", "cold"));
    }

    @Test
    void incrementalModeReadsOnlyRowsPastTheWatermark() {
        warehouse().update("INSERT INTO crm.contacts VALUES ('a@example.com', 'Able', TIMESTAMP '2026-11-01 10:00:00')");
        warehouse().update("INSERT INTO crm.contacts VALUES ('b@example.com', 'Baker', TIMESTAMP '2026-11-02 10:00:00')");
        assertThat(runner.run("contacts_by_cursor", SyncRun.Trigger.MANUAL).counts().created()).isEqualTo(2);

        // a row edited without moving its cursor is, by the sync's own definition, not new
        warehouse().update("UPDATE crm.contacts SET last_name = 'Abel' WHERE email = 'a@example.com'");
        warehouse().update("INSERT INTO crm.contacts VALUES ('c@example.com', 'O''Brien', TIMESTAMP '2026-11-03 10:00:00')");
        SyncRun second = runner.run("contacts_by_cursor", SyncRun.Trigger.MANUAL);

        assertThat(second.counts().read()).isEqualTo(1);
        assertThat(second.counts().created()).isEqualTo(1);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "c@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("LastName", "O'Brien"));
        assertThat(SALESFORCE.findRecord("Contact", "Email", "a@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("LastName", "Able"));
    }

    @Test
    void mirrorModeDeletesRecordsThatLeftTheModel() {
        warehouse().update("INSERT INTO crm.accounts VALUES ('A-1', 'Acme'), ('A-2', 'Globex'), ('A-3', 'Initech')");
        runner.run("accounts_mirror", SyncRun.Trigger.MANUAL);
        assertThat(SALESFORCE.records("Account")).hasSize(3);

        warehouse().update("DELETE FROM crm.accounts WHERE account_number = 'A-2'");
        SyncRun mirror = runner.run("accounts_mirror", SyncRun.Trigger.MANUAL);

        assertThat(mirror.counts().deleted()).isEqualTo(1);
        assertThat(SALESFORCE.records("Account")).extracting(account -> account.get("Name"))
                .containsExactlyInAnyOrder("Acme", "Initech");
        assertThat(state.records("accounts_mirror")).extracting(RecordStateStore.StoredRecord::key)
                .containsExactly("A-1", "A-3");
        assertThat(SALESFORCE.calls()).filteredOn(call -> call.method().equals("DELETE")).hasSize(1);
    }

    /** Deletions are read off the state store a page at a time: 10% deleted, spread over five pages. */
    @Test
    void mirrorModeDeletesAcrossPagesOfTheStateStore() {
        for (int i = 1; i <= 500; i++) {
            warehouse().update("INSERT INTO crm.many_accounts VALUES (?, 'Acme')", String.format("M-%04d", i));
        }
        runner.run("many_accounts_mirror", SyncRun.Trigger.MANUAL);
        warehouse().update("DELETE FROM crm.many_accounts WHERE MOD(CAST(SUBSTRING(account_number, 3) AS INTEGER), 10) = 0");

        SyncRun mirror = runner.run("many_accounts_mirror", SyncRun.Trigger.MANUAL);

        assertThat(mirror.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(mirror.counts().deleted()).isEqualTo(50);
        assertThat(SALESFORCE.records("Account")).hasSize(450);
        assertThat(state.records("many_accounts_mirror")).hasSize(450)
                .noneSatisfy(record -> assertThat(Integer.parseInt(record.key().substring(2)) % 10).isZero());
        assertThat(SALESFORCE.calls()).filteredOn(call -> call.method().equals("DELETE")).hasSize(1);
    }

    @Test
    void nullsUnicodeBigNumbersAndBothKindsOfTimestampArriveAsTheWarehouseHoldsThem() {
        String name = "Müller 東京 😀 شركة Zoe\u0308";
        warehouse().update("INSERT INTO crm.typed_accounts VALUES ('T-1', ?, 'Cleared later',"
                + " CAST('12345678901234567890123456789012345678' AS DECIMAL(38,0)), 9223372036854775807,"
                + " CAST('-1234.5000' AS DECIMAL(12,4)), CAST('2026-10-01 12:00:00' AS TIMESTAMP),"
                + " CAST('2026-10-01 12:00:00+02:00' AS TIMESTAMP WITH TIME ZONE))", name);

        SyncRun first = runner.run("typed_accounts", SyncRun.Trigger.MANUAL);

        assertThat(first.counts().created()).isEqualTo(1);
        assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "T-1")).get().satisfies(account -> {
            assertThat(account).containsEntry("Name", name).containsEntry("Description", "Cleared later");
            assertThat(account.get("Big_Number__c")).hasToString("12345678901234567890123456789012345678");
            assertThat(account.get("Biggest_Long__c")).hasToString("9223372036854775807");
            assertThat(account.get("Amount__c")).hasToString("-1234.5");
            // a zoneless timestamp is taken as UTC; a zoned one keeps its instant
            assertThat(account).containsEntry("Local_At__c", "2026-10-01T12:00:00Z")
                    .containsEntry("Zoned_At__c", "2026-10-01T10:00:00Z");
        });

        warehouse().update("UPDATE crm.typed_accounts SET description = NULL");
        assertThat(runner.run("typed_accounts", SyncRun.Trigger.MANUAL).counts().updated()).isEqualTo(1);
        assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "T-1")).get()
                .satisfies(account -> assertThat(account.get("Description")).isNull());
        assertThat(runner.run("typed_accounts", SyncRun.Trigger.MANUAL).counts().unchanged()).isEqualTo(1);
    }

    @Test
    void duplicateKeysAreDeliveredOnceFirstRowWinning() {
        warehouse().update("INSERT INTO crm.contact_signups VALUES ('dup@example.com', 'First', 1),"
                + " ('dup@example.com', 'Second', 2), ('solo@example.com', 'Solo', 3)");

        SyncRun run = runner.run("deduped_contacts", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().duplicates()).isEqualTo(1);
        assertThat(run.counts().created()).isEqualTo(2);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "dup@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("LastName", "First"));
        assertThat(upsertBatchSizes("Contact")).containsExactly(2);
    }

    @Test
    void aRejectedRecordBecomesADeadLetterAndAReplayAfterTheFixDeliversIt() {
        SALESFORCE.requireFields("Lead", "Company", "LastName");
        warehouse().update("INSERT INTO crm.trial_leads VALUES ('ok@example.com', 'Acme', 'Okafor'),"
                + " ('nameless@example.com', 'Globex', NULL)");

        SyncRun run = runner.run("trial_leads", SyncRun.Trigger.MANUAL);
        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isEqualTo(1);

        List<Map<String, Object>> open = deadLetters("trial_leads", "open");
        assertThat(open).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("recordKey", "nameless@example.com")
                    .containsEntry("errorCode", "REQUIRED_FIELD_MISSING")
                    .containsEntry("attempts", 1)
                    .containsEntry("payload", payload("Email", "nameless@example.com", "Company", "Globex",
                            "LastName", null));
        });
        Object id = open.get(0).get("id");

        // the cause is still there: the replay fails and the letter stays open with one more attempt
        http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class, id);
        assertThat(deadLetter(id)).containsEntry("status", "OPEN").containsEntry("attempts", 2);

        // the same row on the next run waits for the replay instead of failing again
        SALESFORCE.reset();
        SALESFORCE.requireFields("Lead", "Company", "LastName");
        assertThat(runner.run("trial_leads", SyncRun.Trigger.MANUAL).counts().unchanged()).isEqualTo(2);
        assertThat(SALESFORCE.calls()).isEmpty();

        SALESFORCE.requireFields("Lead", "Company");
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class, id);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replay.getBody()).containsEntry("delivered", 1);
        assertThat(deadLetter(id)).containsEntry("status", "REPLAYED");
        assertThat(SALESFORCE.findRecord("Lead", "Email", "nameless@example.com")).isPresent();
        assertThat(state.records("trial_leads")).extracting(RecordStateStore.StoredRecord::key)
                .contains("nameless@example.com");
        assertThat(deadLetters("trial_leads", "open")).isEmpty();
    }

    @Test
    void aProcessorChangesFiltersAndRejectsRecordsAndAReplayAfterItsFixDeliversThem() throws IOException {
        warehouse().update("INSERT INTO crm.processed_leads VALUES ('able@example.com', 'Acme', 'Able'),"
                + " ('inside@example.com', 'Internal', 'Inside'), ('nameless@example.com', 'Globex', NULL),"
                + " ('boom@example.com', 'Boom', 'Bang'), ('slow@example.com', 'Slow', 'Sloth')");

        SyncRun run = runner.run("processed_leads", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().filtered()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isEqualTo(3);
        assertThat(SALESFORCE.records("Lead")).singleElement().satisfies(lead -> assertThat(lead)
                .containsEntry("Email", "able@example.com")
                .containsEntry("Company", "ACME")
                .containsEntry("LeadSource", "Warehouse")
                .doesNotContainKey("Notes"));
        assertThat(deadLetters("processed_leads", "open"))
                .extracting(letter -> letter.get("recordKey") + " " + letter.get("errorCode") + " "
                        + letter.get("errorMessage"))
                .containsExactlyInAnyOrder(
                        "nameless@example.com PROCESSOR_REJECTED tidy_leads: LastName is missing for nameless@example.com",
                        "boom@example.com PROCESSOR_FAILED tidy_leads (line 9): java.lang.IllegalArgumentException:"
                                + " cannot score boom@example.com",
                        "slow@example.com PROCESSOR_TIMEOUT tidy_leads: stopped after sluice.processors.timeout (PT1S)");

        // the refused rows wait for a replay; the dropped one is dropped again
        SyncRun again = runner.run("processed_leads", SyncRun.Trigger.MANUAL);
        assertThat(again.counts().unchanged()).isEqualTo(4);
        assertThat(again.counts().filtered()).isEqualTo(1);
        assertThat(SALESFORCE.upserts("Lead")).hasSize(1);

        Files.writeString(processors.resolve("tidy_leads.groovy"), FIXED_PROCESSOR);
        reloader.reload();
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=processed_leads", null, Map.class);

        assertThat(replay.getBody()).containsEntry("delivered", 3).containsEntry("failed", 0);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "nameless@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("LastName", "Unknown")
                        .containsEntry("LeadSource", "Sluice"));
        assertThat(deadLetters("processed_leads", "open")).isEmpty();

        // the edited processor runs without a restart: its new output is a change for the record sent before
        SyncRun afterEdit = runner.run("processed_leads", SyncRun.Trigger.MANUAL);
        assertThat(afterEdit.counts().updated()).isEqualTo(1);
        assertThat(afterEdit.counts().unchanged()).isEqualTo(3);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "able@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("LeadSource", "Sluice"));
    }

    @Test
    void aProcessorThatDoesNotCompileInvalidatesOnlyTheSyncsNamingIt() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("uncompiled_leads")).singleElement()
                .satisfies(sync -> {
                    assertThat(sync).containsEntry("valid", false);
                    assertThat(sync.get("errors").toString()).contains("processors[0]",
                            "processor 'unfinished' does not compile", "unfinished.groovy:2:");
                });
        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("processed_leads")).singleElement()
                .satisfies(sync -> assertThat(sync).containsEntry("valid", true));
        assertThat(http.postForEntity("/admin/syncs/uncompiled_leads/run", null, Map.class).getBody().get("detail")
                .toString()).contains("unfinished.groovy:2:");
    }

    @Test
    void aCamelRouteReceivesBatchesRefusesOneRecordAndAThrowingRouteIsRetriedDeadLetteredAndReplayed()
            throws IOException {
        Path outbox = Path.of(routes).resolveSibling(Path.of(routes).getFileName() + "-outbox");
        warehouse().update("INSERT INTO crm.outbox_leads VALUES ('ada@example.com', 'Analytical Engines'),"
                + " ('alan@example.com', 'Bletchley'), ('not-an-email', 'Initech')");

        SyncRun run = runner.run("outbox_leads", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(2);
        assertThat(run.counts().deadLettered()).isEqualTo(1);
        assertThat(outboxText(outbox)).contains("\"key\":\"ada@example.com\"", "\"operation\":\"upsert\"",
                "\"payload\":{\"Email\":\"alan@example.com\",\"Company\":\"Bletchley\"}");
        assertThat(deadLetters("outbox_leads", "open")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("recordKey", "not-an-email")
                .containsEntry("errorCode", "INVALID_EMAIL")
                .containsEntry("errorMessage", "no @ in not-an-email"));
        assertThat(AdminLists.items(http, "/admin/syncs")).extracting(sync -> sync.get("name"))
                .doesNotContain("outbox_route", "outbox_route.camel");

        warehouse().update("UPDATE crm.outbox_leads SET company = 'Explode' WHERE email = 'alan@example.com'");
        SyncRun thrown = runner.run("outbox_leads", SyncRun.Trigger.MANUAL);

        assertThat(thrown.counts().deadLettered()).isEqualTo(1);
        assertThat(deadLetters("outbox_leads", "open")).filteredOn(letter -> letter.get("recordKey")
                .equals("alan@example.com")).singleElement().satisfies(letter -> {
                    assertThat(letter).containsEntry("retryable", true).containsEntry("attempts", 3);
                    assertThat(letter.get("errorMessage").toString()).contains("the outbox refuses this batch");
                });

        Files.writeString(Path.of(routes, "outbox_route.camel.yaml"), outboxRoute(outbox, false));
        reloader.reload();
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=outbox_leads", null, Map.class);

        assertThat(replay.getBody()).containsEntry("delivered", 1);
        assertThat(outboxText(outbox)).contains("\"Company\":\"Explode\"");
    }

    @Test
    void aKameletTheTeamWroteInTheRoutesFolderReceivesTheBatches() throws IOException {
        Path sink = Path.of(routes).resolveSibling(Path.of(routes).getFileName() + "-kamelet-sink");
        warehouse().update("INSERT INTO crm.kamelet_leads VALUES ('grace@example.com', 'Navy'),"
                + " ('edsger@example.com', 'Burroughs')");

        SyncRun run = runner.run("kamelet_leads", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(2);
        assertThat(outboxText(sink)).contains("\"key\":\"grace@example.com\"",
                "\"payload\":{\"Email\":\"edsger@example.com\",\"Company\":\"Burroughs\"}");
        assertThat(runner.run("kamelet_leads", SyncRun.Trigger.MANUAL).counts().unchanged()).isEqualTo(2);
    }

    private static String outboxText(Path outbox) throws IOException {
        try (var files = Files.list(outbox)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
            return text.toString();
        }
    }

    @Test
    void aComputedFieldACastAConstantAndADefaultAreSentAndARowThatDoesNotCastIsADeadLetter() {
        warehouse().update("INSERT INTO crm.computed_contacts VALUES ('grace@example.com', 'Grace', 'Hopper',"
                + " '09/12/1906', 'yes'), ('ada@example.com', 'Ada', 'Lovelace', NULL, NULL),"
                + " ('typo@example.com', 'Alan', 'Turing', '1912-06-23', 'no')");

        SyncRun run = runner.run("computed_contacts", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(2);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "grace@example.com")).get().satisfies(contact ->
                assertThat(contact).containsEntry("Description", "Grace Hopper, from the warehouse")
                        .containsEntry("Birthdate", "1906-12-09")
                        .containsEntry("DoNotCall", true)
                        .containsEntry("LeadSource", "Warehouse"));
        assertThat(SALESFORCE.findRecord("Contact", "Email", "ada@example.com")).get().satisfies(contact ->
                assertThat(contact).containsEntry("DoNotCall", false).doesNotContainKey("Birthdate"));
        assertThat(deadLetters("computed_contacts", "open")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("errorCode", "CAST_FAILED")
                .containsEntry("errorMessage", "mapping.birthday: '1912-06-23' is not a date in the format given"));
    }

    @Test
    void anOutageIsRetriedThenDeadLetteredAndReplayedWhenItEnds() {
        warehouse().update("INSERT INTO crm.outage_leads VALUES ('x@example.com', 'Acme'), ('y@example.com', 'Acme')");
        SALESFORCE.failNextCalls(2, 503);
        SyncRun recovered = runner.run("outage_leads", SyncRun.Trigger.MANUAL);
        assertThat(recovered.counts().created()).isEqualTo(2);
        assertThat(recovered.counts().deadLettered()).isZero();

        warehouse().update("UPDATE crm.outage_leads SET company = 'Globex'");
        SALESFORCE.failNextCalls(100, 503);
        int callsBefore = SALESFORCE.calls().size();
        SyncRun outage = runner.run("outage_leads", SyncRun.Trigger.MANUAL);
        assertThat(SALESFORCE.calls()).as("one call and two retries").hasSize(callsBefore + 3);
        assertThat(outage.counts().deadLettered()).isEqualTo(2);
        assertThat(deadLetters("outage_leads", "open")).hasSize(2).allSatisfy(letter -> assertThat(letter)
                .containsEntry("retryable", true)
                .containsEntry("attempts", 3)
                .containsEntry("errorCode", "SERVER_UNAVAILABLE"));

        SALESFORCE.reset();
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=outage_leads", null, Map.class);
        assertThat(replay.getBody()).containsEntry("delivered", 2);
        assertThat(SALESFORCE.records("Lead")).extracting(lead -> lead.get("Company")).containsOnly("Globex");
        assertThat(deadLetters("outage_leads", "open")).isEmpty();
    }

    @Test
    void anExhaustedDailyQuotaIsRetriedThenKeptAsRetryableDeadLetters() {
        warehouse().update("INSERT INTO crm.quota_leads VALUES ('quota@example.com', 'Acme')");
        SALESFORCE.setDailyRequestLimit(0);

        SyncRun run = runner.run("quota_leads", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().deadLettered()).isEqualTo(1);
        assertThat(deadLetters("quota_leads", "open")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("errorCode", "REQUEST_LIMIT_EXCEEDED")
                .containsEntry("retryable", true)
                .containsEntry("attempts", 3));
        assertThat(state.count("quota_leads")).isZero();
    }

    @Test
    void aBatchRefusedAsAWholeBecomesDeadLettersAndTheRunGoesOnWithTheNextBatches() {
        List<Object[]> leads = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            leads.add(new Object[] {"refused" + i + "@example.com"});
        }
        warehouse().batchUpdate("INSERT INTO crm.refused_leads VALUES (?, 'Acme')", leads);
        SALESFORCE.failNextCalls(1, 400);

        SyncRun run = runner.run("refused_leads", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().deadLettered()).isEqualTo(200);
        assertThat(run.counts().created()).isEqualTo(400);
        assertThat(upsertBatchSizes("Lead")).containsExactly(200, 200, 200);
        assertThat(deadLetters("refused_leads", "open")).hasSize(200)
                .allSatisfy(letter -> assertThat(letter).containsEntry("retryable", false));
        assertThat(state.count("refused_leads")).isEqualTo(400);
    }

    @Test
    void anExpiredSessionIsRenewedWithoutLosingTheBatch() {
        warehouse().update("INSERT INTO crm.session_leads VALUES ('session@example.com', 'Acme')");
        runner.run("session_leads", SyncRun.Trigger.MANUAL);
        int logins = SALESFORCE.tokenRequests();
        SALESFORCE.expireSessions();
        warehouse().update("UPDATE crm.session_leads SET company = 'Renewed' WHERE email = 'session@example.com'");

        SyncRun run = runner.run("session_leads", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().deadLettered()).isZero();
        assertThat(SALESFORCE.tokenRequests()).isGreaterThan(logins);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "session@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("Company", "Renewed"));
    }

    @Test
    void aBrokenSyncFileIsReportedWithFileFieldAndReasonWhileTheOthersRun() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("broken")).singleElement()
                .satisfies(sync -> {
                    assertThat(sync).containsEntry("valid", false);
                    assertThat((List<Map<String, Object>>) sync.get("errors"))
                            .extracting(error -> error.get("field"))
                            .contains("destination", "schedule", "model.query");
                });
        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("misspelt_expression")).singleElement()
                .satisfies(sync -> assertThat(sync.get("errors").toString()).contains("mapping.LastName.expression",
                        "column 'frist_name' is not returned by the model query"));
        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("ghost_column")).singleElement()
                .satisfies(sync -> assertThat(sync.get("errors").toString())
                        .contains("mapping.no_such_column", "not returned by the model query"));
        assertThat(syncs).filteredOn(sync -> Boolean.TRUE.equals(sync.get("valid"))).hasSizeGreaterThanOrEqualTo(13);

        ResponseEntity<Map> refused = http.postForEntity("/admin/syncs/broken/run", null, Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("detail").toString()).contains("broken.yaml", "destination");
    }

    @Test
    void aBaselineRecordsTheModelWithoutSendingAndOnlyLaterChangesAreSent() {
        warehouse().update("INSERT INTO crm.baseline_accounts VALUES ('B-1', 'Known'), ('B-2', 'Known too')");

        SyncRun baseline = runner.run("baseline_accounts", SyncRun.Trigger.BASELINE);
        assertThat(baseline.counts().unchanged()).isEqualTo(2);
        assertThat(SALESFORCE.calls()).isEmpty();
        assertThat(state.count("baseline_accounts")).isEqualTo(2);

        warehouse().update("UPDATE crm.baseline_accounts SET name = 'Renamed' WHERE account_number = 'B-2'");
        SyncRun next = runner.run("baseline_accounts", SyncRun.Trigger.MANUAL);

        assertThat(next.counts().unchanged()).isEqualTo(1);
        assertThat(upsertBatchSizes("Account")).containsExactly(1);
        assertThat(SALESFORCE.records("Account")).extracting(account -> account.get("Name")).containsExactly("Renamed");
    }

    @Test
    void aPreviewShowsThePlanAndSendsNothing() {
        warehouse().update("INSERT INTO crm.preview_accounts VALUES ('P-1', 'Planned')");

        ResponseEntity<Map> preview = http.postForEntity("/admin/syncs/preview_accounts/preview", null, Map.class);

        assertThat(preview.getBody()).containsEntry("creates", 1).containsEntry("updates", 0);
        assertThat(SALESFORCE.calls()).isEmpty();
        assertThat(state.count("preview_accounts")).isZero();
    }

    @Test
    void aScheduledSyncRunsFromItsQuartzTrigger() {
        warehouse().update("INSERT INTO crm.scheduled_accounts VALUES ('S-1', 'Scheduled')");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "S-1")).isPresent());
        List<Map<String, Object>> history = AdminLists.items(http, "/admin/syncs/scheduled_accounts/runs");
        assertThat(history).extracting(run -> run.get("trigger")).contains("SCHEDULE");
    }

    @Test
    void aDiscardedDeadLetterIsKeptForAuditButNoLongerOpen() {
        SALESFORCE.requireFields("Lead", "Company");
        warehouse().update("INSERT INTO crm.discard_leads VALUES ('nocompany@example.com', NULL)");
        runner.run("discard_leads", SyncRun.Trigger.MANUAL);
        Object id = deadLetters("discard_leads", "open").get(0).get("id");

        ResponseEntity<Map> discarded = http.exchange("/admin/dead-letters/{id}", HttpMethod.DELETE, null, Map.class, id);

        assertThat(discarded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deadLetter(id)).containsEntry("status", "DISCARDED");
        assertThat(deadLetters("discard_leads", "discarded")).hasSize(1);
        assertThat(deadLetters("discard_leads", "open")).isEmpty();
        assertThat(http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class, id).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void adminErrorsAreJsonWithTheRightStatus() {
        assertError(http.postForEntity("/admin/syncs/nope/run", null, Map.class), HttpStatus.NOT_FOUND, "no sync named 'nope'");
        assertError(http.getForEntity("/admin/runs/987654", Map.class), HttpStatus.NOT_FOUND, "no run with id 987654");
        assertError(http.getForEntity("/admin/runs/abc", Map.class), HttpStatus.BAD_REQUEST, "abc");
        assertError(http.getForEntity("/admin/dead-letters?status=lost", Map.class), HttpStatus.BAD_REQUEST,
                "unknown status 'lost'");
        assertError(http.postForEntity("/admin/dead-letters/replay", null, Map.class), HttpStatus.BAD_REQUEST, "sync");
        assertError(http.exchange("/admin/dead-letters/987654", HttpMethod.DELETE, null, Map.class),
                HttpStatus.NOT_FOUND, "no dead letter with id 987654");
    }

    private static void assertError(ResponseEntity<Map> response, HttpStatus status, String message) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody()).containsEntry("status", status.value());
        assertThat(response.getBody().get("detail").toString()).contains(message);
        assertThat(response.getBody().toString()).doesNotContain("Exception", "\tat ");
    }

    private static Map<String, Object> payload(Object... fieldsAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            payload.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return payload;
    }

    private List<Integer> upsertBatchSizes(String object) {
        return SALESFORCE.upserts(object).stream().map(SalesforceSandbox.RecordedCall::records).toList();
    }

    private List<Map<String, Object>> deadLetters(String sync, String status) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status={status}&limit=1000", sync, status);
    }

    private Map<String, Object> deadLetter(Object id) {
        return http.exchange("/admin/dead-letters/{id}", HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() {
                }, id).getBody();
    }

    static void createWarehouseTables(JdbcTemplate warehouse) {
        warehouse.execute("CREATE SCHEMA warehouse");
        warehouse.execute("CREATE SCHEMA crm");
        warehouse.execute("CREATE TABLE warehouse.leads (user_id INTEGER PRIMARY KEY, email VARCHAR(200),"
                + " company VARCHAR(200))");
        warehouse.execute("CREATE TABLE warehouse.product_usage (user_id INTEGER PRIMARY KEY, page_views INTEGER,"
                + " trial_days_remaining INTEGER, features_used VARCHAR(200), last_active_at TIMESTAMP)");
        warehouse.execute("CREATE TABLE crm.contacts (email VARCHAR(200), last_name VARCHAR(100), updated_at TIMESTAMP)");
        warehouse.execute("CREATE TABLE crm.accounts (account_number VARCHAR(20), name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.many_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.preview_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.baseline_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.contact_signups (email VARCHAR(200), last_name VARCHAR(100),"
                + " signed_up INTEGER)");
        warehouse.execute("CREATE TABLE crm.trial_leads (email VARCHAR(200), company VARCHAR(100),"
                + " last_name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.outage_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.session_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.discard_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.quota_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.refused_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.processed_leads (email VARCHAR(200), company VARCHAR(100),"
                + " last_name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.computed_contacts (email VARCHAR(200), first_name VARCHAR(100),"
                + " last_name VARCHAR(100), birthday VARCHAR(10), no_calls VARCHAR(5))");
        warehouse.execute("CREATE TABLE crm.outbox_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.kamelet_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.scheduled_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.typed_accounts (account_number VARCHAR(20), name VARCHAR(100),"
                + " description VARCHAR(100), big_number DECIMAL(38,0), biggest_long BIGINT, amount DECIMAL(12,4),"
                + " local_at TIMESTAMP, zoned_at TIMESTAMP WITH TIME ZONE)");
    }

    /** The example sync is the one shipped in routes/, read from there: what is tested is what ships. */
    static Path writeSyncFiles() {
        try {
            Path routes = Files.createTempDirectory("sluice-routes");
            ShippedSyncFiles.copyAsManual("enriched_leads.yaml", routes);
            write(routes, "contacts_by_cursor.yaml", """
                    model:
                      name: contacts
                      query: SELECT email, last_name, updated_at FROM crm.contacts
                    destination: salesforce
                    object: Contact
                    mapping:
                      email: Email
                      last_name: LastName
                    cursor: updated_at
                    schedule: manual
                    sync_mode: incremental
                    """);
            write(routes, "accounts_mirror.yaml", accountsSync("crm.accounts", "mirror"));
            write(routes, "many_accounts_mirror.yaml", accountsSync("crm.many_accounts", "mirror"));
            write(routes, "preview_accounts.yaml", accountsSync("crm.preview_accounts", "full"));
            write(routes, "baseline_accounts.yaml", accountsSync("crm.baseline_accounts", "full"));
            write(routes, "deduped_contacts.yaml", """
                    model:
                      name: signups
                      query: SELECT email, last_name FROM crm.contact_signups ORDER BY signed_up
                    destination: salesforce
                    object: Contact
                    mapping:
                      email: Email
                      last_name: LastName
                    schedule: manual
                    sync_mode: full
                    """);
            write(routes, "trial_leads.yaml", """
                    model:
                      name: trial_leads
                      query: SELECT email, company, last_name FROM crm.trial_leads
                    destination: salesforce
                    mapping:
                      email: Email
                      company: Company
                      last_name: LastName
                    schedule: manual
                    sync_mode: full
                    """);
            write(routes, "outage_leads.yaml", leadsSync("crm.outage_leads"));
            write(routes, "session_leads.yaml", leadsSync("crm.session_leads"));
            write(routes, "discard_leads.yaml", leadsSync("crm.discard_leads"));
            write(routes, "quota_leads.yaml", leadsSync("crm.quota_leads"));
            write(routes, "refused_leads.yaml", leadsSync("crm.refused_leads"));
            write(routes, "scheduled_accounts.yaml", accountsSync("crm.scheduled_accounts", "full")
                    .replace("schedule: manual", "schedule: \"0/1 * * * * ?\""));
            write(routes, "typed_accounts.yaml", """
                    model:
                      name: typed_accounts
                      query: SELECT * FROM crm.typed_accounts
                    destination: salesforce
                    object: Account
                    external_id_field: Account_Number__c
                    mapping:
                      account_number: Account_Number__c
                      name: Name
                      description: Description
                      big_number: Big_Number__c
                      biggest_long: Biggest_Long__c
                      amount: Amount__c
                      local_at: Local_At__c
                      zoned_at: Zoned_At__c
                    schedule: manual
                    sync_mode: full
                    """);
            write(routes, "processed_leads.yaml", processedLeadsSync("tidy_leads"));
            write(routes, "uncompiled_leads.yaml", processedLeadsSync("unfinished"));
            write(routes, "computed_contacts.yaml", """
                    model:
                      name: computed_contacts
                      query: SELECT email, first_name, last_name, birthday, no_calls FROM crm.computed_contacts
                    destination: salesforce
                    object: Contact
                    mapping:
                      email: Email
                      last_name: LastName
                      Description: {expression: "${body[first_name]} ${body[last_name]}, from the warehouse"}
                      birthday: {field: Birthdate, type: date, format: dd/MM/yyyy}
                      no_calls: {field: DoNotCall, type: boolean, default: false}
                      LeadSource: {value: Warehouse}
                    schedule: manual
                    sync_mode: full
                    """);
            write(routes, "misspelt_expression.yaml", """
                    model:
                      name: misspelt
                      query: SELECT email, first_name FROM crm.computed_contacts
                    destination: salesforce
                    object: Contact
                    mapping:
                      email: Email
                      LastName: {expression: "${body[frist_name]}"}
                    schedule: manual
                    sync_mode: full
                    """);
            write(routes, "outbox_leads.yaml", """
                    model:
                      name: outbox
                      query: SELECT email, company FROM crm.outbox_leads
                    destination: camel
                    camel:
                      endpoint: direct:test-outbox
                    mapping:
                      email: Email
                      company: Company
                    schedule: manual
                    sync_mode: full
                    """);
            write(routes, "kamelet_leads.yaml", """
                    model:
                      name: kamelet_leads
                      query: SELECT email, company FROM crm.kamelet_leads
                    destination: camel
                    camel:
                      endpoint: kamelet:lead-files?directory=%s
                    mapping:
                      email: Email
                      company: Company
                    schedule: manual
                    sync_mode: full
                    """.formatted(routes.resolveSibling(routes.getFileName() + "-kamelet-sink")
                    .toAbsolutePath().toString().replace('\\', '/')));
            Files.createDirectories(routes.resolve("kamelets"));
            write(routes.resolve("kamelets"), "lead-files.kamelet.yaml", """
                    apiVersion: camel.apache.org/v1
                    kind: Kamelet
                    metadata:
                      name: lead-files
                      labels:
                        camel.apache.org/kamelet.type: sink
                    spec:
                      definition:
                        title: Lead files
                        description: Writes each batch of records as one JSON file
                        required: [directory]
                        properties:
                          directory:
                            title: Directory
                            type: string
                      template:
                        from:
                          uri: kamelet:source
                          steps:
                            - marshal:
                                json: {}
                            - to: "file:{{directory}}?fileName=${exchangeId}.json"
                    """);
            write(routes, "outbox_route.camel.yaml", outboxRoute(routes.resolveSibling(routes.getFileName() + "-outbox"),
                    true));
            write(routes, "broken.yaml", """
                    model:
                      name: broken
                    destination: hubspots
                    mapping:
                      email: email
                    schedule: every_fortnight
                    sync_mode: full
                    """);
            write(routes, "ghost_column.yaml", """
                    model:
                      name: ghost
                      query: SELECT email FROM crm.outage_leads
                    destination: salesforce
                    mapping:
                      email: Email
                      no_such_column: Company
                    schedule: manual
                    sync_mode: full
                    """);
            return routes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The team's route: JSON files in a folder, refusing records without an e-mail, and (until fixed) throwing. */
    static String outboxRoute(Path outbox, boolean throwing) {
        return """
                - route:
                    id: test-outbox
                    from:
                      uri: direct:test-outbox
                      steps:
                        - filter:
                            groovy: "%s && body.any { it.payload.Company == 'Explode' }"
                            steps:
                              - throwException:
                                  exceptionType: java.lang.IllegalStateException
                                  message: the outbox refuses this batch
                        - setProperty:
                            name: refused
                            groovy: >-
                              body.findAll { !it.payload.Email.contains('@') }
                              .collect { [key: it.key, status: 'refused', code: 'INVALID_EMAIL',
                              message: 'no @ in ' + it.payload.Email] }
                        - marshal:
                            json: {}
                        - to: "file:%s?fileName=${header.SluiceSync}-${exchangeId}.json"
                        - setBody:
                            exchangeProperty: refused
                """.formatted(throwing, outbox);
    }

    private static String processedLeadsSync(String processor) {
        return """
                model:
                  name: processed_leads
                  query: SELECT email, company, last_name, 'for internal use' AS notes FROM crm.processed_leads
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                  last_name: LastName
                  notes: Notes
                processors: [%s]
                schedule: manual
                sync_mode: full
                """.formatted(processor);
    }

    private static final String FIXED_PROCESSOR = """
            record.remove('Notes')
            if (record.Company == 'Internal') {
                drop()
            }
            record.LastName = record.LastName ?: 'Unknown'
            record.Company = record.Company.toUpperCase()
            record.LeadSource = 'Sluice'
            """;

    /** The team's processors: one that tidies, drops, refuses, throws and loops; one that does not compile. */
    static Path writeProcessors() {
        try {
            Path processors = Files.createTempDirectory("sluice-processors");
            Files.writeString(processors.resolve("tidy_leads.groovy"), """
                    record.remove('Notes')
                    if (record.Company == 'Internal') {
                        drop()
                    }
                    if (!record.LastName) {
                        reject("LastName is missing for ${record.Email}")
                    }
                    if (record.Company == 'Boom') {
                        throw new IllegalArgumentException("cannot score ${record.Email}")
                    }
                    while (record.Company == 'Slow') {
                        record.LeadSource = 'still thinking'
                    }
                    record.Company = record.Company.toUpperCase()
                    record.LeadSource = 'Warehouse'
                    """);
            Files.writeString(processors.resolve("unfinished.groovy"), """
                    record.Company = record.Company.trim()
                    record.Email = = record.Email.toLowerCase()
                    """);
            return processors;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String leadsSync(String table) {
        return """
                model:
                  name: leads
                  query: SELECT email, company FROM %s
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                schedule: manual
                sync_mode: full
                """.formatted(table);
    }

    static String accountsSync(String table, String mode) {
        return """
                model:
                  name: accounts
                  query: SELECT account_number, name FROM %s
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: manual
                sync_mode: %s
                """.formatted(table, mode);
    }

    static void write(Path routes, String file, String content) throws IOException {
        Files.writeString(routes.resolve(file), content);
    }
}
