package io.sluice.pipeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * The pipeline reading a DuckDB warehouse, a columnar engine that streams, quotes and opens read-only
 * otherwise than H2 and PostgreSQL. The state store stays H2: only the warehouse is DuckDB.
 */
class DuckDbSyncPipelineTest extends SyncPipelineContract {

    static final TestDatabase WAREHOUSE = TestDatabases.duckdb("warehouse");
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
