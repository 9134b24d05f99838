package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * {@code diff: warehouse} on PostgreSQL, where the contract cannot see it: which rows leave the warehouse, what
 * its state table holds, and that a sync switching between modes resends nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarehouseDiffTest {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.postgres("diffing_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("diff_state");

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    SyncReloader reloader;
    @Value("${sluice.routes-dir}")
    Path routes;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-routes");
        WAREHOUSE.jdbc().execute("CREATE SCHEMA crm");
        WAREHOUSE.jdbc().execute("CREATE SCHEMA sluice_state");
        WAREHOUSE.jdbc().execute("CREATE TABLE crm.switching (account_number VARCHAR(20), name VARCHAR(100))");
        WAREHOUSE.jdbc().execute("CREATE TABLE crm.mirrored (account_number VARCHAR(20), name VARCHAR(100))");
        SyncPipelineContract.write(routes, "switching.yaml", sync("crm.switching", "full", "local"));
        SyncPipelineContract.write(routes, "mirrored.yaml", sync("crm.mirrored", "mirror", "warehouse"));
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.warehouse.state-schema", () -> "sluice_state");
    }

    static String sync(String table, String mode, String diff) {
        return "diff: " + diff + "\n" + SyncPipelineContract.accountsSync(table, mode);
    }

    @AfterEach
    void resetFake() {
        SALESFORCE.reset();
    }

    @Test
    void switchingBetweenModesResendsNothingAndAnUnchangedRowNeverLeavesTheWarehouse() throws IOException {
        WAREHOUSE.jdbc().update("INSERT INTO crm.switching VALUES ('S-1', 'One'), ('S-2', 'Two'), ('S-3', 'Three')");
        assertThat(runner.run("switching", SyncRun.Trigger.MANUAL).counts().created()).isEqualTo(3);
        int calls = SALESFORCE.calls().size();

        for (String diff : List.of("warehouse", "local", "warehouse")) {
            switchTo(diff);
            SyncRun run = runner.run("switching", SyncRun.Trigger.MANUAL);
            assertThat(run.counts().read()).isEqualTo(3);
            assertThat(run.counts().unchanged()).isEqualTo(3);
        }
        assertThat(SALESFORCE.calls()).hasSize(calls);
        // the first warehouse run compared the seeded rows with the state store and wrote their hashes
        assertThat(warehouseHashes("switching")).containsOnlyKeys("S-1", "S-2", "S-3").doesNotContainValue(null);

        // were S-1 to leave the warehouse, the local diff would find its stored hash changed and send it
        STATE.jdbc().update("UPDATE record_state SET content_hash = 'stale' WHERE record_key = 'S-1'");
        WAREHOUSE.jdbc().update("UPDATE crm.switching SET name = 'Renamed' WHERE account_number = 'S-2'");
        String before = warehouseHashes("switching").get("S-2");
        SyncRun changed = runner.run("switching", SyncRun.Trigger.MANUAL);

        assertThat(changed.counts().updated()).isEqualTo(1);
        assertThat(changed.counts().unchanged()).isEqualTo(2);
        assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "S-2")).get()
                .satisfies(account -> assertThat(account).containsEntry("Name", "Renamed"));
        assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "S-1")).get()
                .satisfies(account -> assertThat(account).containsEntry("Name", "One"));
        assertThat(warehouseHashes("switching").get("S-2")).isNotEqualTo(before);
    }

    @Test
    void aRefusedRecordKeepsItsOldHashAndARowThatLeftTheModelIsDeleted() {
        WAREHOUSE.jdbc().update("INSERT INTO crm.mirrored VALUES ('M-1', 'One'), ('M-2', 'Two'), ('M-3', 'Three')");
        assertThat(runner.run("mirrored", SyncRun.Trigger.MANUAL).counts().created()).isEqualTo(3);
        Map<String, String> delivered = warehouseHashes("mirrored");
        assertThat(delivered).containsOnlyKeys("M-1", "M-2", "M-3").doesNotContainValue(null);

        SALESFORCE.requireFields("Account", "Name");
        WAREHOUSE.jdbc().update("UPDATE crm.mirrored SET name = NULL WHERE account_number = 'M-2'");
        SyncRun refused = runner.run("mirrored", SyncRun.Trigger.MANUAL);
        assertThat(refused.counts().deadLettered()).isEqualTo(1);
        // committed only once the destination accepted: the warehouse still holds what was delivered
        assertThat(warehouseHashes("mirrored")).isEqualTo(delivered);

        WAREHOUSE.jdbc().update("DELETE FROM crm.mirrored WHERE account_number = 'M-3'");
        SyncRun mirror = runner.run("mirrored", SyncRun.Trigger.MANUAL);

        assertThat(mirror.counts().deleted()).isEqualTo(1);
        assertThat(mirror.counts().unchanged()).isEqualTo(2);
        assertThat(SALESFORCE.records("Account")).extracting(account -> account.get("Account_Number__c"))
                .containsExactlyInAnyOrder("M-1", "M-2");
        assertThat(state.records("mirrored")).extracting(RecordStateStore.StoredRecord::key)
                .containsExactly("M-1", "M-2");
        assertThat(warehouseHashes("mirrored")).containsOnlyKeys("M-1", "M-2");
    }

    private void switchTo(String diff) throws IOException {
        SyncPipelineContract.write(routes, "switching.yaml", sync("crm.switching", "full", diff));
        reloader.reload();
    }

    private static Map<String, String> warehouseHashes(String sync) {
        Map<String, String> hashes = new TreeMap<>();
        WAREHOUSE.jdbc().query("SELECT record_key, content_hash FROM sluice_state.sluice_state WHERE sync_name = ?",
                row -> {
                    hashes.put(row.getString(1), row.getString(2));
                }, sync);
        return hashes;
    }
}
