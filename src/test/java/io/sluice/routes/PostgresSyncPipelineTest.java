package io.sluice.routes;

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
    static void databases(DynamicPropertyRegistry registry) {
        configure(registry, WAREHOUSE, STATE);
    }

    @Override
    JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }
}
