package io.sluice.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * A run's counts are stored while it works — after every batch and every {@code progress-every} rows read — so
 * {@code GET /admin/runs/{id}} (and the console, which shows that answer) tells how far a long run has got.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunProgressTest {

    static final int ROWS = 2000;
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("progress_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("progress_state");

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        warehouse.execute("CREATE TABLE progress_leads (email VARCHAR(200), company VARCHAR(100))");
        for (int i = 1; i <= ROWS; i++) {
            warehouse.update("INSERT INTO progress_leads VALUES (?, 'Acme')", "lead" + i + "@example.com");
        }
        Path routes = Files.createTempDirectory("sluice-progress-routes");
        Files.writeString(routes.resolve("progress_leads.yaml"), """
                model:
                  query: SELECT email, company FROM progress_leads
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        // ten batches at two a second: the run works for seconds, long enough to be watched
        registry.add("sluice.salesforce.rate-limit.requests", () -> "2");
        registry.add("sluice.salesforce.rate-limit.period", () -> "1s");
        registry.add("sluice.delivery.batches-in-flight", () -> "1");
    }

    @AfterAll
    static void stopFake() {
        SALESFORCE.close();
    }

    @Test
    void aRunsCountsShowWhileItWorks() {
        long runId = http.postForObject("/admin/syncs/progress_leads/run", null, JsonNode.class).path("runId").asLong();

        JsonNode midRun = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.getForObject("/admin/runs/{id}", JsonNode.class, runId),
                        run -> run.path("status").asText().equals("RUNNING")
                                && run.path("counts").path("created").asLong() > 0);
        assertThat(midRun.path("counts").path("read").asLong()).isEqualTo(ROWS);
        long created = midRun.path("counts").path("created").asLong();
        assertThat(created).as("whole batches, not all of them").isLessThan(ROWS).isEqualTo(created / 200 * 200);

        JsonNode ended = await().atMost(Duration.ofSeconds(60))
                .until(() -> http.getForObject("/admin/runs/{id}", JsonNode.class, runId),
                        run -> !run.path("status").asText().equals("RUNNING"));
        assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.path("counts").path("created").asLong()).isEqualTo(ROWS);
    }
}
