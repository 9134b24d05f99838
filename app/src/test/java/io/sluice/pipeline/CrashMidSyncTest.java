package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sluice.SluiceApplication;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * A Sluice process killed in the middle of a large sync (SIGKILL: no shutdown hook, no clean-up) loses
 * nothing: the next process closes the orphaned run and delivers every record that had not been
 * confirmed, and the destination ends equal to the warehouse, record by record. Sluice runs in child
 * JVMs; the databases and the Salesforce fake live in this JVM, so they outlive the kill.
 */
class CrashMidSyncTest {

    private static final String SYNC = "crash_accounts";
    private static final int ROWS = 20_000;
    /** Salesforce's collection limit, and so the most records one in-flight upsert carries. */
    private static final int BATCH = 200;
    private static final int BATCHES_IN_FLIGHT = 4;

    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.postgres("crash_warehouse");
    private static final TestDatabase STATE = TestDatabases.postgres("crash_state");

    private final List<Process> processes = new ArrayList<>();

    @AfterAll
    static void stopFake() {
        SALESFORCE.close();
    }

    @Test
    void aProcessKilledMidSyncLosesNothingAndTheNextProcessCompletesTheDestination() throws Exception {
        Path routes = prepareWarehouseAndSyncFile();
        try {
            Process first = launch(routes, "crash-1");
            await("the first process delivers part of the sync").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> SALESFORCE.records("Account").size() >= 5 * BATCH || !first.isAlive());
            first.destroyForcibly();
            first.waitFor();
            int deliveredBeforeKill = SALESFORCE.records("Account").size();
            assertThat(deliveredBeforeKill).as("killed mid-sync (see %s)", log("crash-1"))
                    .isBetween(1, ROWS - 1);
            assertThat(state().queryForList("SELECT status FROM sync_run WHERE sync_name = ?", String.class, SYNC))
                    .as("the killed process had no chance to close its run").containsExactly("RUNNING");

            // while Sluice is down the warehouse moves on: delivered and undelivered rows change
            JdbcTemplate warehouse = WAREHOUSE.jdbc();
            List<String> renamed = warehouse.queryForList(
                    "SELECT account_number FROM crash.accounts WHERE seq % 1000 = 0", String.class);
            warehouse.update("UPDATE crash.accounts SET name = name || ' (renamed)' WHERE seq % 1000 = 0");
            long renamedAlreadyConfirmed = renamed.stream().filter(key -> state().queryForObject(
                    "SELECT COUNT(*) FROM record_state WHERE sync_name = ? AND record_key = ?", Integer.class,
                    SYNC, key) > 0).count();

            Process second = launch(routes, "crash-2");
            await("a run of the second process completes").atMost(Duration.ofSeconds(120))
                    .until(() -> !second.isAlive() || state().queryForObject("SELECT COUNT(*) FROM sync_run"
                            + " WHERE sync_name = ? AND instance_id = 'crash-2' AND status = 'SUCCEEDED'",
                            Integer.class, SYNC) > 0);
            assertThat(second.isAlive()).as("second process running (see %s)", log("crash-2")).isTrue();

            Map<String, String> expected = warehouse.query("SELECT account_number, name FROM crash.accounts",
                    (row, i) -> Map.entry(row.getString(1), row.getString(2))).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            List<Map<String, Object>> atSalesforce = SALESFORCE.records("Account");
            Map<String, String> held = atSalesforce.stream().collect(Collectors.toMap(
                    account -> account.get("Account_Number__c").toString(), account -> account.get("Name").toString()));
            assertThat(atSalesforce).as("one record per key").hasSameSizeAs(held.keySet());
            assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(differences(expected, held)).as("records whose values differ from the warehouse").isEmpty();

            assertThat(state().queryForList("SELECT record_key FROM record_state WHERE sync_name = ?", String.class,
                    SYNC)).containsExactlyInAnyOrderElementsOf(expected.keySet());
            List<Map<String, Object>> runs = state().queryForList(
                    "SELECT instance_id, status, error FROM sync_run WHERE sync_name = ? ORDER BY id", SYNC);
            assertThat(runs.get(0)).containsEntry("instance_id", "crash-1").containsEntry("status", "FAILED");
            assertThat(runs).filteredOn(run -> run.get("status").equals("RUNNING"))
                    .as("only the live process's scheduled runs are in progress")
                    .allSatisfy(run -> assertThat(run).containsEntry("instance_id", "crash-2"));
            assertThat(runs.get(0).get("error").toString()).contains("stopped while this run was in progress");

            long sent = SALESFORCE.upserts("Account").stream()
                    .filter(call -> call.status() == 200)
                    .mapToLong(SalesforceSandbox.RecordedCall::records).sum();
            long deliveredTwice = sent - ROWS - renamedAlreadyConfirmed;
            System.out.printf("crash mid-sync: %d of %d records delivered before the kill, %d delivered twice%n",
                    deliveredBeforeKill, ROWS, deliveredTwice);
            assertThat(deliveredTwice).as("at most the batches in flight at the kill are sent again")
                    .isBetween(0L, (long) BATCHES_IN_FLIGHT * BATCH);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static Path prepareWarehouseAndSyncFile() throws IOException {
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        warehouse.execute("CREATE SCHEMA crash");
        warehouse.execute("CREATE TABLE crash.accounts (seq INTEGER PRIMARY KEY, account_number VARCHAR(20),"
                + " name VARCHAR(100))");
        warehouse.update("INSERT INTO crash.accounts SELECT g, 'CR-' || g, 'Account ' || g"
                + " FROM generate_series(1, ?) AS g", ROWS);
        // paces the read (a short pause every batch's worth of rows) so that the sync lasts a few seconds
        warehouse.execute("""
                CREATE FUNCTION crash.paced(seq INTEGER) RETURNS BOOLEAN VOLATILE LANGUAGE plpgsql AS $$
                BEGIN
                  IF seq % 200 = 0 THEN PERFORM pg_sleep(0.03); END IF;
                  RETURN TRUE;
                END $$""");
        Path routes = Files.createTempDirectory("sluice-crash-routes");
        Files.writeString(routes.resolve(SYNC + ".yaml"), """
                model:
                  name: accounts
                  query: SELECT account_number, name FROM crash.accounts WHERE crash.paced(seq)
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: "0/1 * * * * ?"
                sync_mode: full
                """);
        return routes;
    }

    /** Sluice as deployed: its own JVM, the production cluster settings, configured by arguments only. */
    private Process launch(Path routes, String instance) throws IOException {
        Map<String, String> properties = SluiceTestProperties.clusterNode(
                SluiceTestProperties.of(routes, WAREHOUSE, STATE, SALESFORCE), instance);
        properties.put("sluice.delivery.batches-in-flight", String.valueOf(BATCHES_IN_FLIGHT));
        // the sync fires every second, so that the second process runs it at once
        properties.put("sluice.schedule.min-interval", "1s");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                SluiceApplication.class.getName()));
        command.addAll(List.of(SluiceTestProperties.asArguments(properties)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(instance).toFile())
                .start();
        processes.add(process);
        return process;
    }

    private static Path log(String instance) {
        return Path.of("target", "crash-mid-sync-" + instance + ".log").toAbsolutePath();
    }

    private static JdbcTemplate state() {
        return STATE.jdbc();
    }

    private static List<String> differences(Map<String, String> expected, Map<String, String> held) {
        return expected.entrySet().stream()
                .filter(row -> !Objects.equals(row.getValue(), held.get(row.getKey())))
                .map(row -> row.getKey() + ": expected '" + row.getValue() + "', Salesforce holds '"
                        + held.get(row.getKey()) + "'")
                .limit(20)
                .toList();
    }
}
