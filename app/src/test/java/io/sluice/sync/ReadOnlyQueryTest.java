package io.sluice.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlyQueryTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT email FROM leads",
            "select email from leads;",
            "WITH recent AS (SELECT * FROM leads) SELECT email FROM recent",
            "SELECT email, 'please update me; now' AS note FROM leads -- delete later",
            "SELECT \"update\" FROM leads /* ; DROP TABLE leads */",
            "SELECT last_updated_at, deleted_flag FROM leads"})
    void readOnlyQueriesAreAccepted(String sql) {
        assertThat(ReadOnlyQuery.problem(sql)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM leads RETURNING email",
            "UPDATE leads SET email = NULL RETURNING email",
            "DROP TABLE leads",
            "SELECT email FROM leads; DROP TABLE leads",
            "SELECT email INTO backup FROM leads",
            "WITH gone AS (DELETE FROM leads RETURNING *) SELECT * FROM gone",
            "  ",
            "-- only a comment"})
    void anythingElseIsRefusedWithAReason(String sql) {
        assertThat(ReadOnlyQuery.problem(sql)).get().asString().isNotBlank();
    }
}
