package io.sluice.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What differs between warehouse engines on Sluice's read path, one row per engine, chosen by the JDBC
 * URL's subprotocol ({@code jdbc:<subprotocol>:...}). An engine not listed reads as {@link #GENERIC}: ANSI
 * quoting, a read-only connection, a fetch size inside a transaction.
 *
 * <p>Columns: the identifier quotes and how the engine folds an unquoted name (a quoted cursor must name
 * the column the unquoted one would); whether a read-only session is asked for on the connection (DuckDB
 * fixes it per database file, in the URL); whether the read runs inside a transaction (PostgreSQL and
 * Redshift stream only then; BigQuery and Databricks refuse to leave autocommit); the fetch size the driver
 * streams with (MySQL only with {@code Integer.MIN_VALUE}); connection properties that switch streaming on;
 * the column types read as zoneless date-times and as zoned ones; and the query that returns a model's
 * columns without its rows.
 */
public enum WarehouseDialect {

    // subprotocols, quotes, how unquoted names fold, read-only connection, read in a transaction, row by row,
    // connection properties, zoneless and zoned timestamp type names, column probe
    H2(names("h2"), "\"", "\"", Fold.UPPER, true, true, false, Map.of(),
            "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", Probe.WHERE_FALSE),
    POSTGRESQL(names("postgresql", "pgsql"), "\"", "\"", Fold.LOWER, true, true, false, Map.of(),
            "timestamp", "timestamptz", Probe.WHERE_FALSE),
    REDSHIFT(names("redshift"), "\"", "\"", Fold.LOWER, true, true, false, Map.of(),
            "timestamp", null, Probe.WHERE_FALSE),
    DUCKDB(names("duckdb"), "\"", "\"", Fold.AS_WRITTEN, false, true, false,
            Map.of("jdbc_stream_results", "true"),
            "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", Probe.LIMIT_ZERO),
    SQLITE(names("sqlite"), "\"", "\"", Fold.AS_WRITTEN, false, true, false, Map.of(),
            null, null, Probe.LIMIT_ZERO),
    MYSQL(names("mysql", "mariadb"), "`", "`", Fold.AS_WRITTEN, true, true, true, Map.of(),
            "DATETIME", null, Probe.LIMIT_ZERO),
    SQLSERVER(names("sqlserver"), "[", "]", Fold.AS_WRITTEN, true, true, false, Map.of(),
            "datetime2|datetime|smalldatetime", "datetimeoffset", Probe.TOP_ZERO),
    SNOWFLAKE(names("snowflake"), "\"", "\"", Fold.UPPER, true, true, false, Map.of(),
            "TIMESTAMPNTZ|TIMESTAMP_NTZ", null, Probe.LIMIT_ZERO),
    BIGQUERY(names("bigquery"), "`", "`", Fold.AS_WRITTEN, true, false, false, Map.of(),
            "DATETIME", null, Probe.LIMIT_ZERO),
    DATABRICKS(names("databricks", "spark"), "`", "`", Fold.AS_WRITTEN, true, false, false, Map.of(),
            "TIMESTAMP_NTZ", null, Probe.LIMIT_ZERO),
    GENERIC(names(), "\"", "\"", Fold.AS_WRITTEN, true, true, false, Map.of(),
            "timestamp|timestamp without time zone|datetime", null, Probe.WHERE_FALSE);

    /** How the engine stores an identifier written without quotes. */
    enum Fold { UPPER, LOWER, AS_WRITTEN }

    /** A model's query run so that it returns its columns and no row. */
    enum Probe {
        WHERE_FALSE("SELECT * FROM (\n%s\n) sluice_probe WHERE 1 = 0"),
        LIMIT_ZERO("SELECT * FROM (\n%s\n) sluice_probe LIMIT 0"),
        TOP_ZERO("SELECT TOP 0 * FROM (\n%s\n) sluice_probe");

        private final String template;

        Probe(String template) {
            this.template = template;
        }
    }

    private final String[] subprotocols;
    private final String openQuote;
    private final String closeQuote;
    private final Fold fold;
    private final boolean readOnlyConnection;
    private final boolean readsInTransaction;
    private final boolean streamsRowByRow;
    private final Map<String, String> connectionProperties;
    private final Pattern zonelessTimestamps;
    private final Pattern zonedTimestamps;
    private final Probe probe;

    WarehouseDialect(String[] subprotocols, String openQuote, String closeQuote, Fold fold,
                     boolean readOnlyConnection, boolean readsInTransaction, boolean streamsRowByRow,
                     Map<String, String> connectionProperties, String zonelessTimestamps, String zonedTimestamps,
                     Probe probe) {
        this.subprotocols = subprotocols;
        this.openQuote = openQuote;
        this.closeQuote = closeQuote;
        this.fold = fold;
        this.readOnlyConnection = readOnlyConnection;
        this.readsInTransaction = readsInTransaction;
        this.streamsRowByRow = streamsRowByRow;
        this.connectionProperties = connectionProperties;
        this.zonelessTimestamps = typeNames(zonelessTimestamps);
        this.zonedTimestamps = typeNames(zonedTimestamps);
        this.probe = probe;
    }

    private static String[] names(String... subprotocols) {
        return subprotocols;
    }

    private static Pattern typeNames(String alternatives) {
        return alternatives == null ? null : Pattern.compile(alternatives, Pattern.CASE_INSENSITIVE);
    }

    /** The dialect of a JDBC URL: {@code jdbc:snowflake://...} is {@link #SNOWFLAKE}. */
    public static WarehouseDialect of(String jdbcUrl) {
        String subprotocol = subprotocol(jdbcUrl);
        return Arrays.stream(values())
                .filter(dialect -> Arrays.asList(dialect.subprotocols).contains(subprotocol))
                .findFirst().orElse(GENERIC);
    }

    /** The part of a JDBC URL naming its driver: {@code snowflake} in {@code jdbc:snowflake://...}. */
    public static String subprotocol(String jdbcUrl) {
        String[] parts = jdbcUrl.split(":", 3);
        return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "";
    }

    /** The identifier quoted, as the engine stores it when written without quotes (a reserved word still works). */
    public String quote(String identifier) {
        String stored = switch (fold) {
            case UPPER -> identifier.toUpperCase(Locale.ROOT);
            case LOWER -> identifier.toLowerCase(Locale.ROOT);
            case AS_WRITTEN -> identifier;
        };
        return openQuote + stored.replace(closeQuote, closeQuote + closeQuote) + closeQuote;
    }

    /** The model's rows past a bound cursor value ({@code ?}), in cursor order. */
    public String pastCursor(String query, String cursor) {
        String column = "sluice_model." + quote(cursor);
        return "SELECT * FROM (" + query + ") sluice_model WHERE " + column + " > ? ORDER BY " + column;
    }

    /** A column named exactly as the driver reported it, quoted so the engine folds nothing. */
    public String quoteAsReported(String label) {
        return openQuote + label.replace(closeQuote, closeQuote + closeQuote) + closeQuote;
    }

    /** A value as text, in SQL: the warehouse diff's canonical form is built of these. */
    public String asText(String expression) {
        return "CAST(" + expression + " AS " + (this == BIGQUERY ? "STRING" : "VARCHAR") + ")";
    }

    /**
     * The hash, as text, of a version and the given columns of {@code row} (name and type), or empty where the
     * engine has no hash of native values and the canonical text is hashed ({@link #hexDigest}). PostgreSQL hashes
     * each value's binary form ({@code hash_record_extended}, 64 bits), several times cheaper than writing every
     * timestamp and number out as text; types without a hash function go in as text.
     */
    public Optional<String> nativeRowHash(String version, String row,
                                                    List<Map.Entry<String, String>> columns) {
        if (this != POSTGRESQL) {
            return Optional.empty();
        }
        StringBuilder values = new StringBuilder("ROW(CAST('").append(version).append("' AS TEXT)");
        for (Map.Entry<String, String> column : columns) {
            String value = row + "." + quoteAsReported(column.getKey());
            values.append(", ").append(HASHED_AS_IS.matcher(column.getValue()).matches() ? value : asText(value));
        }
        return Optional.of("CAST(hash_record_extended(" + values + "), 0) AS VARCHAR)");
    }

    /** PostgreSQL types with an extended hash function whose equal values are the same content. */
    private static final Pattern HASHED_AS_IS = Pattern.compile(
            "int2|int4|int8|numeric|bool|text|varchar|bpchar|date|timestamp|timestamptz|uuid|bytea|jsonb",
            Pattern.CASE_INSENSITIVE);

    /** The lower-case hex MD5 of a text expression (SHA-256 on H2, which has no MD5). */
    public String hexDigest(String text) {
        return switch (this) {
            case BIGQUERY -> "TO_HEX(MD5(" + text + "))";
            case H2 -> "LOWER(RAWTOHEX(HASH('SHA-256', " + text + ")))";
            default -> "MD5(" + text + ")";
        };
    }

    /** Creates the warehouse diff's state table, if it is not there yet. */
    public String createStateTable(String table) {
        String text = this == BIGQUERY ? "STRING" : "VARCHAR";
        String key = this == BIGQUERY ? "PRIMARY KEY (sync_name, record_key) NOT ENFORCED"
                : "PRIMARY KEY (sync_name, record_key)";
        return "CREATE TABLE IF NOT EXISTS " + table + " (sync_name " + text + " NOT NULL, record_key " + text
                + " NOT NULL, content_hash " + text + ", " + key + ")";
    }

    /** Adds a record with an unknown hash to the state table, unless it is there: (sync, key). */
    public String seedState(String table) {
        return switch (this) {
            case POSTGRESQL, DUCKDB, SQLITE -> "INSERT INTO " + table + " (sync_name, record_key, content_hash)"
                    + " VALUES (?, ?, NULL) ON CONFLICT (sync_name, record_key) DO NOTHING";
            default -> "MERGE INTO " + table + " t USING (SELECT ? AS sync_name, ? AS record_key) v"
                    + " ON t.sync_name = v.sync_name AND t.record_key = v.record_key"
                    + " WHEN NOT MATCHED THEN INSERT (sync_name, record_key) VALUES (v.sync_name, v.record_key)";
        };
    }

    /** Sets one record's hash in the state table, adding the record if it is not there: (sync, key, hash). */
    public String upsertState(String table) {
        return switch (this) {
            case POSTGRESQL, DUCKDB, SQLITE -> "INSERT INTO " + table + " (sync_name, record_key, content_hash)"
                    + " VALUES (?, ?, ?) ON CONFLICT (sync_name, record_key)"
                    + " DO UPDATE SET content_hash = EXCLUDED.content_hash";
            case H2 -> "MERGE INTO " + table + " (sync_name, record_key, content_hash) KEY (sync_name, record_key)"
                    + " VALUES (?, ?, ?)";
            default -> "MERGE INTO " + table + " t USING (SELECT ? AS sync_name, ? AS record_key, ? AS content_hash) v"
                    + " ON t.sync_name = v.sync_name AND t.record_key = v.record_key"
                    + " WHEN MATCHED THEN UPDATE SET content_hash = v.content_hash"
                    + " WHEN NOT MATCHED THEN INSERT (sync_name, record_key, content_hash)"
                    + " VALUES (v.sync_name, v.record_key, v.content_hash)";
        };
    }

    /** The model's query returning its columns and no row. */
    public String columnProbe(String query) {
        return probe.template.formatted(query);
    }

    /** Whether read-only is asked for per connection; DuckDB and SQLite fix it when the database is opened. */
    public boolean readOnlyConnection() {
        return readOnlyConnection;
    }

    /** Whether the read runs with autocommit off: without it PostgreSQL's driver buffers the whole result. */
    public boolean readsInTransaction() {
        return readsInTransaction;
    }

    /** The fetch size to stream with, given the configured rows per round trip. */
    public int fetchSize(int configured) {
        return streamsRowByRow ? Integer.MIN_VALUE : configured;
    }

    /** Driver properties that switch streaming on, added to every connection of the pool. */
    public Map<String, String> connectionProperties() {
        return connectionProperties;
    }

    /** A column the driver would hand out as {@code java.sql.Timestamp} in the JVM's zone: read it zoneless. */
    public boolean zoneless(String typeName) {
        return zonelessTimestamps != null && zonelessTimestamps.matcher(typeName).matches();
    }

    /** A column holding an instant that the driver can hand out with its offset. */
    public boolean zoned(String typeName) {
        return zonedTimestamps != null && zonedTimestamps.matcher(typeName).matches();
    }
}
