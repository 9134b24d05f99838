package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.RunContext;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Proves the model is streamed: this class runs in its own JVM with a heap far smaller than the
 * model's result set (see the {@code low-memory} surefire execution in the pom), so a driver that
 * buffered the whole result would fail with OutOfMemoryError.
 */
@SpringBootTest
class StreamingReadLowMemoryTest {

    private static final int ROWS = 1_000_000;
    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.postgres("big_warehouse");
    private static final TestDatabase STATE = TestDatabases.postgres("big_state");

    @Autowired
    SyncRunner runner;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        // about 300 bytes a row: some 300 MB if it were held in memory at once
        WAREHOUSE.jdbc().execute("CREATE TABLE big_contacts AS SELECT 'contact' || n || '@example.com' AS email,"
                + " repeat('x', 250) || n AS last_name FROM generate_series(1, " + ROWS + ") AS n");
        Path routes = Files.createTempDirectory("sluice-big-routes");
        Files.writeString(routes.resolve("big_contacts.yaml"), """
                model:
                  name: big_contacts
                  query: SELECT email, last_name FROM big_contacts
                destination: salesforce
                object: Contact
                mapping:
                  email: Email
                  last_name: LastName
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
    }

    @Test
    void aModelLargerThanTheHeapIsReadAndDiffedRowByRow() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("this test only proves something in its small-heap JVM").isLessThan(256L << 20);

        RunContext preview = runner.preview("big_contacts");

        assertThat(preview.counts().read.get()).isEqualTo(ROWS);
        assertThat(preview.plan().creates()).isEqualTo(ROWS);
    }
}
