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
 * A mirror sync whose state holds a million records, a tenth of which left the model, in a JVM whose heap is far
 * smaller than that state as objects (the {@code low-memory} surefire execution): the state is read into the
 * run's compact key table and the records gone are found a page at a time, never as a list of them all.
 */
@SpringBootTest
class MirrorDeletionsLowMemoryTest {

    private static final int STORED = 1_000_000;
    private static final int STILL_IN_MODEL = 900_000;
    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.postgres("mirror_warehouse");
    private static final TestDatabase STATE = TestDatabases.postgres("mirror_state");

    @Autowired
    SyncRunner runner;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE members AS SELECT 'member' || n || '@example.com' AS email,"
                + " repeat('x', 200) || n AS last_name FROM generate_series(1, " + STILL_IN_MODEL + ") AS n");
        Path routes = Files.createTempDirectory("sluice-mirror-routes");
        Files.writeString(routes.resolve("big_members.yaml"), """
                model:
                  name: big_members
                  query: SELECT email, last_name FROM members
                destination: salesforce
                object: Contact
                mapping:
                  email: Email
                  last_name: LastName
                schedule: manual
                sync_mode: mirror
                guards:
                  enabled: false
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
    }

    @Test
    void aMillionStoredRecordsAreMirroredWithATenthDeletedInASmallHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test only proves something in its small-heap JVM")
                .isLessThan(256L << 20);
        // as if every record had been delivered with other values, with its Salesforce id
        STATE.jdbc().update("INSERT INTO record_state (sync_name, record_key, content_hash, destination_id,"
                + " delivered_at) SELECT 'big_members', 'member' || n || '@example.com', md5(n::text) || md5(n::text),"
                + " '003' || lpad(n::text, 15, '0'), now() FROM generate_series(1, " + STORED + ") AS n");

        RunContext preview = runner.preview("big_members");

        assertThat(preview.counts().read.get()).isEqualTo(STILL_IN_MODEL);
        assertThat(preview.plan().updates()).isEqualTo(STILL_IN_MODEL);
        assertThat(preview.plan().deletes()).isEqualTo(STORED - STILL_IN_MODEL);
    }
}
