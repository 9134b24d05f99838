package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * The pipeline contract with {@code sluice.warehouse.diff: warehouse} on DuckDB: the join, the hash and the
 * state table in a columnar engine, with the same counts and the same destination as the local diff.
 */
class DuckDbWarehouseDiffPipelineTest extends SyncPipelineContract {

    static final TestDatabase WAREHOUSE = TestDatabases.duckdb("warehouse_diff");
    static final TestDatabase STATE = TestDatabases.h2("state_warehouse_diff");

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        diffInTheWarehouse(registry, WAREHOUSE, STATE);
    }

    @AfterAll
    static void theRunsDiffedInTheWarehouse() {
        assertThat(WAREHOUSE.jdbc().queryForObject("SELECT COUNT(*) FROM sluice_state.sluice_state", Long.class))
                .isPositive();
    }

    @Override
    JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }
}
