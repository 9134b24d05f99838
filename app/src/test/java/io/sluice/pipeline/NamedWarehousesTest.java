package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.AdminLists;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Two warehouses side by side — the default one on H2, a named one on DuckDB — each with a pool of a single
 * connection, which a run holds while it reads and plans and hands back before it delivers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NamedWarehousesTest {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("default_warehouse");
    static final TestDatabase ANALYTICS = TestDatabases.duckdb("analytics");
    static final TestDatabase STATE = TestDatabases.h2("state");

    @Autowired
    SyncRunner runner;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-routes");
        WAREHOUSE.jdbc().execute("CREATE SCHEMA crm");
        WAREHOUSE.jdbc().execute("CREATE TABLE crm.accounts (account_number VARCHAR(20), name VARCHAR(100))");
        WAREHOUSE.jdbc().execute("CREATE TABLE crm.prospects (account_number VARCHAR(20), name VARCHAR(100))");
        ANALYTICS.jdbc().execute("CREATE SCHEMA marts");
        ANALYTICS.jdbc().execute("CREATE TABLE marts.accounts (account_number VARCHAR(20), name VARCHAR(100))");
        SyncPipelineContract.write(routes, "accounts.yaml", SyncPipelineContract.accountsSync("crm.accounts", "full"));
        SyncPipelineContract.write(routes, "prospects.yaml",
                SyncPipelineContract.accountsSync("crm.prospects", "full"));
        SyncPipelineContract.write(routes, "mart_accounts.yaml", "warehouse: analytics\n"
                + SyncPipelineContract.accountsSync("marts.accounts", "full"));
        SyncPipelineContract.write(routes, "lost_accounts.yaml", "warehouse: analytcs\n"
                + SyncPipelineContract.accountsSync("marts.accounts", "full"));
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.warehouse.max-pool-size", () -> "1");
        registry.add("sluice.warehouses.analytics.url", ANALYTICS::url);
        registry.add("sluice.warehouses.analytics.username", ANALYTICS::username);
        registry.add("sluice.warehouses.analytics.password", ANALYTICS::password);
        registry.add("sluice.warehouses.analytics.maximum-pool-size", () -> "1");
    }

    @AfterEach
    void resetFake() {
        SALESFORCE.reset();
    }

    @Test
    void aSyncNamingAWarehouseReadsItsModelThere() {
        ANALYTICS.jdbc().update("INSERT INTO marts.accounts VALUES ('M-1', 'From the mart')");

        SyncRun run = runner.run("mart_accounts", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "M-1")).get()
                .satisfies(account -> assertThat(account).containsEntry("Name", "From the mart"));
    }

    @Test
    void aSyncNamingAnUnknownWarehouseIsInvalidAndSaysWhichExist() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("lost_accounts")).singleElement()
                .satisfies(sync -> assertThat(sync).containsEntry("valid", false)
                        .containsEntry("errors", List.of(Map.of("field", "warehouse",
                                "message", "unknown warehouse 'analytcs'; one of [analytics, default]"))));
    }

    @Test
    void aRunHandsItsWarehouseConnectionBackBeforeItDelivers() {
        WAREHOUSE.jdbc().update("INSERT INTO crm.accounts VALUES ('A-1', 'Acme')");
        WAREHOUSE.jdbc().update("INSERT INTO crm.prospects VALUES ('P-1', 'Prospect')");
        SALESFORCE.holdCalls();

        Object runId = http.postForEntity("/admin/syncs/accounts/run", null, Map.class).getBody().get("runId");
        await().atMost(Duration.ofSeconds(30)).until(() -> SALESFORCE.heldCalls() > 0);

        // the first run is delivering; the pool's only connection must be free for another run's read
        ResponseEntity<Map> preview = http.postForEntity("/admin/syncs/prospects/preview", null, Map.class);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(preview.getBody()).containsEntry("creates", 1);

        SALESFORCE.releaseCalls();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.getForEntity("/admin/runs/{id}", Map.class, runId).getBody()).containsEntry("status", "SUCCEEDED"));
        assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "A-1")).isPresent();
    }
}
