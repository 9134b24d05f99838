package io.sluice.read;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sluice.config.DiffMode;
import io.sluice.config.Warehouse;
import io.sluice.config.WarehouseDialect;
import io.sluice.runs.RunContext;
import io.sluice.state.RecordStateStore;
import io.sluice.state.StateCommitted;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;

/**
 * The diff inside the warehouse ({@code diff: warehouse}): the model is joined with the sync's rows of a state
 * table in the warehouse's state schema, by record key, and only rows that are new, changed (their hash, computed
 * in SQL, differs), duplicated, without a key, or gone leave the warehouse. What leaves goes through the local
 * diff as any row does, against Sluice's state store, which stays the record of what was delivered.
 *
 * <p>The state table is seeded from the state store, every key with an unknown hash, whenever the two hold a
 * different number of records for the sync (it is new, or the sync ran with {@code diff: local}, or a replay
 * delivered records meanwhile): the rows leave once, are found unchanged in the state store, and their hashes
 * are written. So switching modes resends nothing.
 */
@Component("warehouseDiff")
public class WarehouseDiff {

    private static final int SEED_BATCH = 5_000;

    private final RecordStateStore state;
    private final Map<Long, WarehouseDiffRun> runs = new ConcurrentHashMap<>();

    public WarehouseDiff(RecordStateStore state) {
        this.state = state;
    }

    /** Whether the run finds what changed in the warehouse: its file's {@code diff:}, else its warehouse's. */
    static boolean applies(RunContext run, Warehouse warehouse) {
        SyncDefinition sync = run.sync();
        // a cursor's run reads few rows; a preview writes nothing, not even the warehouse's state table
        return sync.diff().orElse(warehouse.diff()) == DiffMode.WAREHOUSE && !run.dryRun()
                && sync.cursor().isEmpty() && sync.lastSyncParameters() == 0;
    }

    /** Makes the state table ready for the run and writes the join it reads instead of the model. */
    WarehouseDiffRun open(RunContext run, Warehouse warehouse, Connection read, String model) throws SQLException {
        SyncDefinition sync = run.sync();
        Warehouse.StateSchema schema = warehouse.stateSchema().orElseThrow(() -> new IllegalStateException(
                "sync '" + sync.name() + "' diffs in the warehouse, but warehouse '" + warehouse.name()
                        + "' has no state-schema Sluice may write its state table in"));
        long held = seed(sync.name(), warehouse.dialect(), schema);
        Map<String, String> columns = columns(read, warehouse.dialect().columnProbe(model));
        WarehouseDiffRun diff = new WarehouseDiffRun(run, warehouse.dialect(), schema,
                join(sync, warehouse.dialect(), schema.table(), model, columns), held);
        runs.put(run.runId(), diff);
        return diff;
    }

    /** Writes what the run left pending and forgets it; the exchange calls it once the run delivered. */
    void close(WarehouseDiffRun diff) {
        runs.remove(diff.runId());
        diff.flush();
    }

    @EventListener
    void committed(StateCommitted committed) {
        WarehouseDiffRun diff = runs.get(committed.runId());
        if (diff != null) {
            diff.committed(committed.delivered(), committed.forgotten());
        }
    }

    /**
     * Creates the state table if needed and, when it holds another number of the sync's records than the state
     * store, marks every hash unknown and adds the store's keys it lacks. Never a delete and an insert of the same
     * key: DuckDB refuses that while an older transaction still sees the row.
     *
     * @return how many records of the sync both hold
     */
    private long seed(String sync, WarehouseDialect dialect, Warehouse.StateSchema schema) throws SQLException {
        String table = schema.table();
        try (Connection connection = schema.writer().getConnection()) {
            try (Statement create = connection.createStatement()) {
                create.execute(dialect.createStateTable(table));
            }
            long stored = state.count(sync);
            long held = count(connection, table, sync);
            if (held == stored) {
                return held;
            }
            // every hash unknown: each row leaves once and is compared with the store, whatever the table held
            try (PreparedStatement forget = connection.prepareStatement(
                    "UPDATE " + table + " SET content_hash = NULL WHERE sync_name = ?")) {
                forget.setString(1, sync);
                forget.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(dialect.seedState(table))) {
                int[] pending = {0};
                SQLException[] failed = {null};
                state.forEach(sync, record -> {
                    if (failed[0] != null) {
                        return;
                    }
                    try {
                        insert.setString(1, sync);
                        insert.setString(2, record.key());
                        insert.addBatch();
                        if (++pending[0] == SEED_BATCH) {
                            insert.executeBatch();
                            pending[0] = 0;
                        }
                    } catch (SQLException e) {
                        failed[0] = e;
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                insert.executeBatch();
            }
            // a key the store no longer holds stays until the join finds it gone, or lets its row out as new
            return count(connection, table, sync);
        }
    }

    private static long count(Connection connection, String table, String sync) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE sync_name = ?")) {
            count.setString(1, sync);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The model's columns, as the driver labels them, with their types' names. */
    private static Map<String, String> columns(Connection read, String probe) throws SQLException {
        try (PreparedStatement statement = read.prepareStatement(probe); ResultSet empty = statement.executeQuery()) {
            ResultSetMetaData meta = empty.getMetaData();
            Map<String, String> columns = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.put(meta.getColumnLabel(i), meta.getColumnTypeName(i));
            }
            return columns;
        }
    }

    /**
     * The model, numbered in its own order, each row with its key and hash as text; joined with the sync's state
     * rows; only what differs, in model order. The hash is of the mapped columns in name order after a version of
     * the mapping (a changed mapping lets every row out once, and the state store decides what is sent): of their
     * native values where the engine hashes those, else of a canonical text, each NULL or its length and text.
     */
    static String join(SyncDefinition sync, WarehouseDialect dialect, String table, String model,
                       Map<String, String> columns) {
        List<String> labels = List.copyOf(columns.keySet());
        String key = "sluice_model." + dialect.quoteAsReported(label(labels, sync.primaryKey()));
        List<Map.Entry<String, String>> hashed = sync.mapping().stream()
                .flatMap(field -> Stream.concat(field.readsColumn() ? Stream.of(field.column()) : Stream.empty(),
                        field.expressionColumns().stream()))
                .map(column -> label(labels, column))
                .distinct()
                .sorted(Comparator.comparing(label -> label.toLowerCase(Locale.ROOT)))
                .map(label -> Map.entry(label, columns.getOrDefault(label, "")))
                .toList();
        String version = mappingVersion(sync);
        String hash = dialect.nativeRowHash(version, "sluice_model", hashed).orElseGet(() -> {
            StringBuilder canonical = new StringBuilder("'").append(version).append("'");
            for (Map.Entry<String, String> column : hashed) {
                String text = dialect.asText("sluice_model." + dialect.quoteAsReported(column.getKey()));
                canonical.append(" || COALESCE('v' || ").append(dialect.asText("LENGTH(" + text + ")"))
                        .append(" || ':' || ").append(text).append(", 'n')");
            }
            return dialect.hexDigest(canonical.toString());
        });
        return "WITH sluice_rows AS (SELECT sluice_model.*, ROW_NUMBER() OVER () AS sluice_row, TRIM("
                + dialect.asText(key) + ") AS sluice_key, " + hash + " AS sluice_hash FROM (\n" + model + "\n) sluice_model),\n"
                + "sluice_counted AS (SELECT sluice_rows.*, COUNT(*) OVER (PARTITION BY sluice_key) AS sluice_copies"
                + " FROM sluice_rows)\n"
                + "SELECT sluice_counted.*, sluice_state.record_key AS sluice_state_key FROM sluice_counted"
                + " FULL OUTER JOIN (SELECT record_key, content_hash FROM " + table + " WHERE sync_name = ?)"
                + " sluice_state ON sluice_state.record_key = sluice_counted.sluice_key\n"
                + "WHERE sluice_counted.sluice_key IS NULL OR sluice_state.record_key IS NULL"
                + " OR sluice_state.content_hash IS NULL OR sluice_state.content_hash <> sluice_counted.sluice_hash"
                + " OR sluice_counted.sluice_copies > 1\n"
                + "ORDER BY sluice_counted.sluice_row";
    }

    /** The model's column as the driver labels it; mappings name columns in any case. */
    private static String label(List<String> labels, String column) {
        return labels.stream().filter(label -> label.equalsIgnoreCase(column)).findFirst().orElse(column);
    }

    /** Changes whenever the mapping or the processors do, so that hashes of another mapping never match. */
    private static String mappingVersion(SyncDefinition sync) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((sync.mapping().toString() + "|"
                    + sync.processors()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

}
