package io.sluice.plan;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** Guards and audit on PostgreSQL, as in production. */
class PostgresGuardedRunTest extends GuardedRunContract {

    static final TestDatabase WAREHOUSE = TestDatabases.postgres("guarded_warehouse");
    static final TestDatabase STATE = TestDatabases.postgres("guarded_state");

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        configure(registry, WAREHOUSE, STATE);
    }

    @Override
    JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }
}
