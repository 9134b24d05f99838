package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sluice.SluiceApplication;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * A clean stop while a run is delivering: the batch in flight is delivered and committed, the run is
 * recorded as failed (not left running), and Sluice started again on the same state store delivers
 * the rest — every row once, none lost.
 */
class GracefulShutdownTest {

    static final int ROWS = 2000;
    static final int BATCHES = ROWS / 200;
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("shutdown_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("shutdown_state");

    @AfterAll
    static void stopFake() {
        SALESFORCE.close();
    }

    @Test
    void aStopMidRunCommitsTheBatchInFlightAndTheNextStartDeliversTheRest() throws IOException {
        Path routes = Files.createTempDirectory("sluice-shutdown-routes");
        Files.writeString(routes.resolve("shutdown_leads.yaml"), """
                model:
                  query: SELECT email, company, updated_at FROM shutdown.leads
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                cursor: updated_at
                schedule: manual
                sync_mode: incremental
                """);
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        warehouse.execute("CREATE SCHEMA shutdown");
        warehouse.execute("CREATE TABLE shutdown.leads (email VARCHAR(200), company VARCHAR(100), updated_at TIMESTAMP)");
        for (int i = 1; i <= ROWS; i++) {
            warehouse.update("INSERT INTO shutdown.leads VALUES (?, 'Acme', TIMESTAMP '2026-11-01 10:00:00')",
                    "lead" + i + "@example.com");
        }

        long runId;
        try (ConfigurableApplicationContext sluice = start(routes)) {
            runId = sluice.getBean(SyncRunner.class).start("shutdown_leads", SyncRun.Trigger.MANUAL);
            await().atMost(Duration.ofSeconds(60)).until(() -> upsertCalls() >= 1);
        }

        JdbcTemplate stateStore = STATE.jdbc();
        Map<String, Object> stopped = stateStore.queryForMap("SELECT status, error FROM sync_run WHERE id = ?", runId);
        assertThat(stopped.get("STATUS")).isEqualTo("FAILED");
        assertThat((String) stopped.get("ERROR")).contains("Sluice is shutting down");
        int delivered = SALESFORCE.records("Lead").size();
        assertThat(delivered).as("stopped between batches").isGreaterThan(0).isLessThan(ROWS).isEqualTo(delivered / 200 * 200);
        assertThat(count(stateStore, "SELECT count(*) FROM record_state WHERE sync_name = 'shutdown_leads'"))
                .as("every batch the destination accepted is committed").isEqualTo(delivered);
        assertThat(count(stateStore, "SELECT count(*) FROM dead_letter WHERE sync_name = 'shutdown_leads'")).isZero();
        assertThat(count(stateStore, "SELECT count(*) FROM sync_watermark WHERE sync_name = 'shutdown_leads'")).isZero();

        try (ConfigurableApplicationContext sluice = start(routes)) {
            SyncRun resumed = sluice.getBean(SyncRunner.class).run("shutdown_leads", SyncRun.Trigger.MANUAL);

            assertThat(resumed.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
            assertThat(resumed.counts().created()).isEqualTo(ROWS - delivered);
            assertThat(resumed.counts().unchanged()).isEqualTo(delivered);
        }
        assertThat(SALESFORCE.records("Lead")).hasSize(ROWS);
        assertThat(upsertCalls()).as("no batch sent twice").isEqualTo(BATCHES);
        assertThat(count(STATE.jdbc(), "SELECT count(*) FROM record_state WHERE sync_name = 'shutdown_leads'"))
                .isEqualTo(ROWS);
    }

    private static long upsertCalls() {
        return SALESFORCE.upserts("Lead").size();
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static ConfigurableApplicationContext start(Path routes) {
        Map<String, String> settings = new LinkedHashMap<>(SluiceTestProperties.of(routes, WAREHOUSE, STATE, SALESFORCE));
        settings.put("spring.main.web-application-type", "none");
        // slow enough that the stop comes while most batches are still to be sent
        settings.put("sluice.salesforce.rate-limit.requests", "2");
        settings.put("sluice.salesforce.rate-limit.period", "1s");
        return new SpringApplicationBuilder(SluiceApplication.class).run(SluiceTestProperties.asArguments(settings));
    }
}
