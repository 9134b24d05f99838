package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.AdminLists;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** Fifty syncs due at the same moment, on Quartz's ten threads and a warehouse pool of one: all run, none fails. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManySchedulesTest {

    static final int SYNCS = 50;
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("warehouse");
    static final TestDatabase STATE = TestDatabases.h2("state");

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-routes");
        WAREHOUSE.jdbc().execute("CREATE SCHEMA crm");
        for (int i = 1; i <= SYNCS; i++) {
            WAREHOUSE.jdbc().execute("CREATE TABLE crm.accounts_" + i + " (account_number VARCHAR(20), name VARCHAR(100))");
            WAREHOUSE.jdbc().update("INSERT INTO crm.accounts_" + i + " VALUES (?, 'Due')", "D-" + i);
            SyncPipelineContract.write(routes, "due_" + i + ".yaml", SyncPipelineContract
                    .accountsSync("crm.accounts_" + i, "full").replace("schedule: manual", "schedule: \"0/1 * * * * ?\""));
        }
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.warehouse.max-pool-size", () -> "1");
        registry.add("sluice.schedule.min-interval", () -> "1s");
    }

    @Test
    void everySyncDueAtOnceRunsAndNoneFails() {
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(SALESFORCE.records("Account")).hasSize(SYNCS));

        List<String> names = IntStream.rangeClosed(1, SYNCS).mapToObj(i -> "due_" + i).toList();
        for (String name : names) {
            List<Map<String, Object>> history = AdminLists.items(http, "/admin/syncs/{name}/runs", name);
            assertThat(history).as(name).extracting(run -> run.get("status")).contains("SUCCEEDED")
                    .doesNotContain("FAILED");
        }
    }
}
