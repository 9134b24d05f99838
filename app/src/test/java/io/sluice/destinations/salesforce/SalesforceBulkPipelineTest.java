package io.sluice.destinations.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import io.sluice.sandbox.salesforce.SalesforceSandbox.RecordedCall;
import io.sluice.state.RecordStateStore;
import io.sluice.support.AdminLists;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Big deltas go to Salesforce as Bulk API 2.0 ingest jobs, end to end: the real camel-salesforce client, the
 * sandbox's Bulk contract, the state store and the admin API. The threshold is lowered to 1,000 so that deletes
 * cross it too; jobs keep their default size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SalesforceBulkPipelineTest {

    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.h2("bulk_warehouse");
    private static final TestDatabase STATE = TestDatabases.h2("bulk_state");

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-bulk-routes");
        Files.writeString(routes.resolve("bulk_leads.yaml"), """
                model:
                  name: bulk_leads
                  query: SELECT email, company, last_name FROM leads
                destination: salesforce
                object: Lead
                mapping:
                  email: Email
                  company: Company
                  last_name: LastName
                schedule: manual
                sync_mode: full
                """);
        WAREHOUSE.jdbc().execute("CREATE TABLE leads (email VARCHAR(200), company VARCHAR(200), last_name VARCHAR(80))");
        for (String table : List.of("mirrored_accounts", "outage_accounts")) {
            Files.writeString(routes.resolve(table + ".yaml"), """
                    model:
                      name: %s
                      query: SELECT account_number, name FROM %s
                    destination: salesforce
                    object: Account
                    external_id_field: Account_Number__c
                    mapping:
                      account_number: Account_Number__c
                      name: Name
                    schedule: manual
                    sync_mode: mirror
                    """.formatted(table, table));
            WAREHOUSE.jdbc().execute("CREATE TABLE " + table + " (account_number VARCHAR(40), name VARCHAR(200))");
        }
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.salesforce.bulk-threshold", () -> "1000");
        registry.add("sluice.salesforce.bulk-poll-interval", () -> "20ms");
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
    }

    @BeforeEach
    void resetFake() {
        SALESFORCE.reset();
    }

    @Test
    void aFiftyThousandRecordDeltaGoesInFiveBulkJobsRefusedRowsBecomeDeadLettersAndTheNextRunSendsNothing() {
        WAREHOUSE.jdbc().update("INSERT INTO leads SELECT 'lead' || x || '@example.com', 'Company ' || x, 'Name ' || x"
                + " FROM SYSTEM_RANGE(1, 50000)");
        WAREHOUSE.jdbc().update("UPDATE leads SET email = 'lead7@example' WHERE email = 'lead7@example.com'");
        WAREHOUSE.jdbc().update("UPDATE leads SET company = NULL WHERE email = 'lead8@example.com'");

        SyncRun first = runner.run("bulk_leads", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(first.counts().created()).isEqualTo(49_998);
        assertThat(first.counts().deadLettered()).isEqualTo(2);
        assertThat(SALESFORCE.bulkJobsCreated()).hasSize(5);
        assertThat(uploadSizes()).containsOnly(10_000);
        assertThat(SALESFORCE.upserts("Lead")).as("no sObject Collections call").isEmpty();
        assertThat(SALESFORCE.records("Lead")).hasSize(49_998);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "lead4242@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("Company", "Company 4242")
                        .containsEntry("LastName", "Name 4242"));
        assertThat(state.count("bulk_leads")).isEqualTo(49_998);
        assertThat(state.records("bulk_leads")).filteredOn(record -> record.key().equals("lead4242@example.com"))
                .singleElement().satisfies(record -> assertThat(record.destinationId())
                        .isEqualTo(SALESFORCE.findRecord("Lead", "Email", "lead4242@example.com").get().get("Id")));
        assertThat(deadLetters("bulk_leads")).extracting(letter -> letter.get("recordKey") + " " + letter.get("errorCode"))
                .containsExactlyInAnyOrder("lead7@example INVALID_EMAIL_ADDRESS", "lead8@example.com REQUIRED_FIELD_MISSING");
        assertThat(deadLetters("bulk_leads")).allSatisfy(letter -> assertThat(letter.get("errorMessage").toString())
                .isNotBlank());

        int callsBefore = SALESFORCE.calls().size();
        SyncRun second = runner.run("bulk_leads", SyncRun.Trigger.MANUAL);
        assertThat(second.counts().unchanged()).isEqualTo(50_000);
        assertThat(SALESFORCE.calls()).hasSize(callsBefore);

        // a small change stays below the threshold: one sObject Collections call
        WAREHOUSE.jdbc().update("UPDATE leads SET last_name = 'Changed' WHERE email IN ('lead1@example.com',"
                + " 'lead2@example.com')");
        SyncRun third = runner.run("bulk_leads", SyncRun.Trigger.MANUAL);
        assertThat(third.counts().updated()).isEqualTo(2);
        assertThat(SALESFORCE.upserts("Lead")).extracting(RecordedCall::records).containsExactly(2);
        assertThat(SALESFORCE.bulkJobsCreated()).hasSize(5);
    }

    @Test
    void manyDeletesOfAMirrorGoAsOneBulkDeleteJob() {
        WAREHOUSE.jdbc().update("INSERT INTO mirrored_accounts SELECT 'A-' || x, 'Account ' || x"
                + " FROM SYSTEM_RANGE(1, 6000)");
        runner.run("mirrored_accounts", SyncRun.Trigger.MANUAL);
        assertThat(SALESFORCE.records("Account")).hasSize(6000);

        WAREHOUSE.jdbc().update("DELETE FROM mirrored_accounts WHERE CAST(SUBSTRING(account_number, 3) AS INT) > 4900");
        SyncRun mirror = runner.run("mirrored_accounts", SyncRun.Trigger.MANUAL);

        assertThat(mirror.counts().deleted()).isEqualTo(1100);
        assertThat(SALESFORCE.records("Account")).hasSize(4900);
        assertThat(state.count("mirrored_accounts")).isEqualTo(4900);
        assertThat(SALESFORCE.bulkJobsCreated()).hasSize(2);
        assertThat(uploadSizes()).containsExactly(6000, 1100);
        assertThat(SALESFORCE.calls()).filteredOn(call -> call.method().equals("DELETE")).isEmpty();
    }

    @Test
    void anOutageDuringAJobIsRetriedAndNothingIsCreatedTwice() {
        WAREHOUSE.jdbc().update("INSERT INTO outage_accounts SELECT 'O-' || x, 'Outage ' || x FROM SYSTEM_RANGE(1, 1500)");
        SALESFORCE.failNextCalls(1, 503);

        SyncRun run = runner.run("outage_accounts", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(1500);
        assertThat(run.counts().deadLettered()).isZero();
        assertThat(SALESFORCE.records("Account")).hasSize(1500);
        assertThat(SALESFORCE.bulkJobsCreated()).extracting(RecordedCall::status).containsExactly(503, 200);
    }

    private static List<Integer> uploadSizes() {
        return SALESFORCE.calls().stream().filter(call -> call.method().equals("PUT")).map(RecordedCall::records)
                .toList();
    }

    private List<Map<String, Object>> deadLetters(String sync) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status=open&limit=1000", sync);
    }
}
