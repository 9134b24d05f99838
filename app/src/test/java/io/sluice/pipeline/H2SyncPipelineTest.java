package io.sluice.pipeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** The pipeline on H2, the embedded default. */
class H2SyncPipelineTest extends SyncPipelineContract {

    static final TestDatabase WAREHOUSE = TestDatabases.h2("warehouse");
    static final TestDatabase STATE = TestDatabases.h2("state");

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        configure(registry, WAREHOUSE, STATE);
    }

    @Override
    JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }
}
