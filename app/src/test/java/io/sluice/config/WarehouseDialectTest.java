package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-engine table: what each warehouse's URL selects, for engines the tests cannot start. */
class WarehouseDialectTest {

    @Test
    void theUrlsSubprotocolPicksTheDialectAndAnUnknownOneReadsAsAnsi() {
        assertThat(WarehouseDialect.of("jdbc:snowflake://acme.snowflakecomputing.com/?db=ANALYTICS"))
                .isEqualTo(WarehouseDialect.SNOWFLAKE);
        assertThat(WarehouseDialect.of("jdbc:mariadb://db:3306/analytics")).isEqualTo(WarehouseDialect.MYSQL);
        assertThat(WarehouseDialect.of("jdbc:duckdb:/data/warehouse.duckdb")).isEqualTo(WarehouseDialect.DUCKDB);
        assertThat(WarehouseDialect.of("jdbc:oracle:thin:@db:1521/ORCL")).isEqualTo(WarehouseDialect.GENERIC);
        assertThat(WarehouseDialect.subprotocol("jdbc:bigquery://https://www.googleapis.com")).isEqualTo("bigquery");
    }

    @Test
    void aCursorIsQuotedAsTheEngineStoresItsUnquotedNameSoReservedWordsWork() {
        assertThat(WarehouseDialect.SNOWFLAKE.pastCursor("SELECT * FROM t", "updated_at"))
                .isEqualTo("SELECT * FROM (SELECT * FROM t) sluice_model WHERE sluice_model.\"UPDATED_AT\" > ?"
                        + " ORDER BY sluice_model.\"UPDATED_AT\"");
        assertThat(WarehouseDialect.POSTGRESQL.quote("Order")).isEqualTo("\"order\"");
        assertThat(WarehouseDialect.MYSQL.quote("order")).isEqualTo("`order`");
        assertThat(WarehouseDialect.SQLSERVER.quote("a]b")).isEqualTo("[a]]b]");
    }

    @Test
    void streamingReadOnlyAndColumnProbesFollowEachEngine() {
        assertThat(WarehouseDialect.MYSQL.fetchSize(5000)).isEqualTo(Integer.MIN_VALUE);
        assertThat(WarehouseDialect.POSTGRESQL.fetchSize(5000)).isEqualTo(5000);
        assertThat(WarehouseDialect.POSTGRESQL.readsInTransaction()).isTrue();
        assertThat(WarehouseDialect.DATABRICKS.readsInTransaction()).isFalse();
        assertThat(WarehouseDialect.DUCKDB.readOnlyConnection()).isFalse();
        assertThat(WarehouseDialect.DUCKDB.connectionProperties()).containsEntry("jdbc_stream_results", "true");
        assertThat(WarehouseDialect.SQLSERVER.columnProbe("SELECT a FROM t"))
                .isEqualTo("SELECT TOP 0 * FROM (\nSELECT a FROM t\n) sluice_probe");
        assertThat(WarehouseDialect.SNOWFLAKE.zoneless("TIMESTAMPNTZ")).isTrue();
        assertThat(WarehouseDialect.SNOWFLAKE.zoneless("TIMESTAMPTZ")).isFalse();
        assertThat(WarehouseDialect.POSTGRESQL.zoned("timestamptz")).isTrue();
    }
}
