package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** The pipeline on PostgreSQL, as in production: warehouse and state store. */
class PostgresSyncPipelineTest extends SyncPipelineContract {

    static final TestDatabase WAREHOUSE = TestDatabases.postgres("warehouse");
    static final TestDatabase STATE = TestDatabases.postgres("state");

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) throws IOException {
        Path routes = configure(registry, WAREHOUSE, STATE);
        WAREHOUSE.jdbc().execute("CREATE TABLE crm.slow_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        // pg_sleep keeps the run busy long enough to ask for a second one
        write(routes, "slow_accounts.yaml", accountsSync(
                "crm.slow_accounts CROSS JOIN (SELECT pg_sleep(2) AS pause) AS slow", "full"));
    }

    @Override
    JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }

    @Test
    void aSyncThatIsRunningIsNotStartedAgain() {
        warehouse().update("INSERT INTO crm.slow_accounts VALUES ('SL-1', 'Slow')");

        ResponseEntity<Map> first = http.postForEntity("/admin/syncs/slow_accounts/run", null, Map.class);
        ResponseEntity<Map> second = http.postForEntity("/admin/syncs/slow_accounts/run", null, Map.class);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody().get("detail").toString()).contains("already running");
        Object runId = first.getBody().get("runId");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                http.getForEntity("/admin/runs/{id}", Map.class, runId).getBody()).containsEntry("status", "SUCCEEDED"));
        assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", "SL-1")).isPresent();
    }
}
