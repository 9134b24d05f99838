package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.deadletter.DeadLetter;
import io.sluice.deadletter.DeadLetterStore;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.state.Watermark;
import io.sluice.state.WatermarkStore;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * A warehouse that fails under a run — a query it refuses, a query slower than
 * {@code sluice.read.query-timeout}, a connection lost mid-read — fails the run with the database's
 * own message, and changes nothing: no watermark moves, no record state changes, nothing is sent.
 */
@SpringBootTest
class WarehouseFailureTest {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.postgres("failing_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("failing_warehouse_state");
    static final List<String> SYNCS = List.of("wf_refused", "wf_slow", "wf_killed");

    @Autowired
    SyncRunner runner;
    @Autowired
    RunRepository runs;
    @Autowired
    RecordStateStore state;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    DeadLetterStore deadLetters;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-warehouse-failure-routes");
        for (String sync : SYNCS) {
            WAREHOUSE.jdbc().execute("CREATE SCHEMA " + sync);
            WAREHOUSE.jdbc().execute("CREATE TABLE " + sync + ".leads (email VARCHAR(200), score VARCHAR(20),"
                    + " updated_at TIMESTAMP)");
            WAREHOUSE.jdbc().execute("CREATE TABLE " + sync + ".control (pause_seconds INTEGER)");
            WAREHOUSE.jdbc().execute("INSERT INTO " + sync + ".control VALUES (0)");
            // the pause lets a test make the query slow, or catch it running, without touching the sync file
            Files.writeString(routes.resolve(sync + ".yaml"), """
                    model:
                      query: |
                        SELECT l.email, 'Acme' AS company, CAST(l.score AS INTEGER) AS score, l.updated_at
                        FROM %1$s.leads l CROSS JOIN (SELECT pg_sleep(pause_seconds) FROM %1$s.control) AS pause
                    destination: salesforce
                    mapping:
                      email: Email
                      company: Company
                      score: Score__c
                    cursor: updated_at
                    schedule: manual
                    sync_mode: incremental
                    """.formatted(sync));
        }
        // passes for a SELECT, but the function it calls deletes: only the read-only connection stops it
        WAREHOUSE.jdbc().execute("CREATE SCHEMA wf_writes");
        WAREHOUSE.jdbc().execute("CREATE TABLE wf_writes.leads (email VARCHAR(200))");
        WAREHOUSE.jdbc().execute("CREATE FUNCTION wf_writes.purge() RETURNS INTEGER LANGUAGE sql"
                + " AS 'DELETE FROM wf_writes.leads; SELECT 1'");
        Files.writeString(routes.resolve("wf_writes.yaml"), """
                model:
                  query: SELECT email, 'Acme' AS company, wf_writes.purge() AS purged FROM wf_writes.leads
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.read.query-timeout", () -> "3s");
    }

    @Test
    void aQueryTheWarehouseRefusesFailsTheRunWithItsMessage() {
        Before before = deliverTwoRowsThenChangeThem("wf_refused");
        warehouse().update("INSERT INTO wf_refused.leads VALUES ('c@example.com', 'not a number', TIMESTAMP '2026-11-03 10:00:00')");

        SyncRun run = runner.run("wf_refused", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(run.error()).contains("invalid input syntax for type integer", "not a number");
        assertNothingChanged("wf_refused", before);
    }

    @Test
    void aQuerySlowerThanTheQueryTimeoutIsCancelledAndFailsTheRun() {
        Before before = deliverTwoRowsThenChangeThem("wf_slow");
        warehouse().update("UPDATE wf_slow.control SET pause_seconds = 60");

        SyncRun run = runner.run("wf_slow", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(run.error()).contains("canceling statement");
        assertNothingChanged("wf_slow", before);
    }

    @Test
    void aConnectionLostMidReadFailsTheRunWithTheDatabasesMessage() {
        Before before = deliverTwoRowsThenChangeThem("wf_killed");
        warehouse().update("UPDATE wf_killed.control SET pause_seconds = 60");

        long runId = runner.start("wf_killed", SyncRun.Trigger.MANUAL);
        // the warehouse goes away under the running query, as when it restarts or a proxy drops the connection
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> warehouse().queryForObject(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE query LIKE '%wf_killed.control%' AND state = 'active' AND pid <> pg_backend_pid()",
                Integer.class) > 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> !runner.isRunning("wf_killed"));

        SyncRun run = runs.find(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(run.error()).containsAnyOf("terminating connection due to administrator command",
                "An I/O error occurred while sending to the backend");
        assertNothingChanged("wf_killed", before);

        // the pool replaces the lost connection: the next run reads again
        warehouse().update("UPDATE wf_killed.control SET pause_seconds = 0");
        assertThat(runner.run("wf_killed", SyncRun.Trigger.MANUAL).status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "a.wf_killed@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("Score__c", 2));
    }

    @Test
    void aModelThatWritesIsStoppedByTheReadOnlyWarehouseConnection() {
        warehouse().update("INSERT INTO wf_writes.leads VALUES ('kept@example.com')");
        int calls = SALESFORCE.calls().size();

        SyncRun run = runner.run("wf_writes", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(run.error()).contains("cannot execute DELETE in a read-only transaction");
        assertThat(warehouse().queryForObject("SELECT count(*) FROM wf_writes.leads", Integer.class)).isEqualTo(1);
        assertThat(SALESFORCE.calls()).hasSize(calls);
        assertThat(state.count("wf_writes")).isZero();
    }

    private record Before(Optional<Watermark> watermark, List<RecordStateStore.StoredRecord> records, int calls) {
    }

    /** A first run delivers two rows; then both change, so a run that worked would send them. */
    private Before deliverTwoRowsThenChangeThem(String sync) {
        warehouse().update("INSERT INTO " + sync + ".leads VALUES ('a." + sync + "@example.com', '1',"
                + " TIMESTAMP '2026-11-01 10:00:00'), ('b." + sync + "@example.com', '1', TIMESTAMP '2026-11-01 11:00:00')");
        assertThat(runner.run(sync, SyncRun.Trigger.MANUAL).status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        warehouse().update("UPDATE " + sync + ".leads SET score = '2', updated_at = updated_at + INTERVAL '1' DAY");
        return new Before(watermarks.find(sync), state.records(sync), SALESFORCE.calls().size());
    }

    private void assertNothingChanged(String sync, Before before) {
        assertThat(before.watermark()).isPresent();
        assertThat(watermarks.find(sync)).isEqualTo(before.watermark());
        assertThat(state.records(sync)).containsExactlyElementsOf(before.records());
        assertThat(SALESFORCE.calls()).hasSize(before.calls());
        assertThat(deadLetters.list(Optional.of(sync), Optional.of(DeadLetter.Status.OPEN), 100, 0)).isEmpty();
    }

    private static JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }
}
