package io.sluice.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** The V4 migration and the incident queries, on both state stores Sluice supports. */
class IncidentStoreTest {

    static Stream<TestDatabase> stateStores() {
        return Stream.of(TestDatabases.h2("incidents"), TestDatabases.postgres("incidents"));
    }

    @ParameterizedTest
    @MethodSource("stateStores")
    void anIncidentOpensOncePerSyncAndKindUntilItIsCleared(TestDatabase database) {
        Flyway.configure().dataSource(database.url(), database.username(), database.password()).load().migrate();
        IncidentStore incidents = new IncidentStore(database.jdbc());
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        assertThat(incidents.open("leads", "RUN_FAILED", "run 1 failed", now)).isTrue();
        assertThat(incidents.open("leads", "RUN_FAILED", "run 2 failed", now)).isFalse();
        assertThat(incidents.open("leads", "LATE", "no run since", now)).isTrue();
        assertThat(incidents.open("accounts", "RUN_FAILED", "run 3 failed", now)).isTrue();

        assertThat(incidents.clear("leads", "RUN_FAILED", now.plusSeconds(60))).isTrue();
        assertThat(incidents.clear("leads", "RUN_FAILED", now.plusSeconds(60))).isFalse();
        assertThat(incidents.open("leads", "RUN_FAILED", "run 4 failed", now.plusSeconds(120))).isTrue();

        assertThat(database.jdbc().queryForList("SELECT message FROM alert_incident WHERE sync_name = 'leads'"
                + " AND kind = 'RUN_FAILED' ORDER BY id", String.class)).containsExactly("run 1 failed", "run 4 failed");
    }
}
