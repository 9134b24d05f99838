package io.sluice.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sluice.config.Warehouse;
import io.sluice.config.WarehouseDialect;
import io.sluice.runs.RunContext;

/**
 * One run diffed inside the warehouse: what its join let out, and the hashes to write back to the sync's state
 * table. Sluice's state store stays the record of what was delivered; the warehouse's table only decides which
 * rows leave the warehouse, so it is written after the store, for records the store holds, and a write that is
 * lost (a crash between the two) costs one more row out of the warehouse on the next run, never a resend: the
 * row is compared with the store as in a local diff, found unchanged, and its hash written then.
 *
 * <p>Thread-safe: the run's reading thread, its diff thread and its delivery threads all report here.
 */
public final class WarehouseDiffRun {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseDiffRun.class);

    /** The columns the join adds after the model's own: what the row's key and hash are, and its state row. */
    static final int ADDED_COLUMNS = 5;
    /**
     * Hashes of left rows held until their records are delivered. A first run may let millions out: past this
     * many, a record's hash is written as unknown, and its row leaves once more on the next run to be hashed.
     */
    private static final int HASHES_HELD = 100_000;
    private static final int WRITE_BATCH = 1_000;

    private final RunContext run;
    private final WarehouseDialect dialect;
    private final Warehouse.StateSchema state;
    private final String query;
    private final long stateCount;
    private final Map<String, String> hashes = new HashMap<>();
    private final Set<String> duplicatedStateKeys = new HashSet<>();
    private final List<String> gone = new ArrayList<>();
    private final List<Object[]> upserts = new ArrayList<>();
    private final List<Object[]> deletes = new ArrayList<>();
    private long stateRowsLeft;
    private boolean overflowed;

    WarehouseDiffRun(RunContext run, WarehouseDialect dialect, Warehouse.StateSchema state, String query,
                     long stateCount) {
        this.run = run;
        this.dialect = dialect;
        this.state = state;
        this.query = query;
        this.stateCount = stateCount;
    }

    /** The join of the model with the sync's state table; its one parameter is the sync's name. */
    String query() {
        return query;
    }

    long runId() {
        return run.runId();
    }

    /** A row the join let out: new, changed, without a key, or one of several with its key. */
    synchronized void left(String key, String hash, long copies, String stateKey) {
        if (key != null && !hashes.containsKey(key)) {
            if (hashes.size() < HASHES_HELD) {
                hashes.put(key, hash);
            } else {
                overflowed = true;
            }
        }
        if (stateKey != null && (copies <= 1 || duplicatedStateKeys.add(stateKey))) {
            stateRowsLeft++;
        }
    }

    /** A record of the state table whose row left the model. */
    synchronized void gone(String stateKey) {
        gone.add(stateKey);
        stateRowsLeft++;
    }

    /** The model is read: every state row that did not leave the warehouse was an unchanged row. */
    void readAll() {
        long unchanged;
        synchronized (this) {
            unchanged = stateCount - stateRowsLeft;
        }
        run.counts().read.addAndGet(unchanged);
        run.counts().unchanged.addAndGet(unchanged);
    }

    /** Keys of delivered records that are no longer in the model, in the order the join found them. */
    public synchronized List<String> gone() {
        return List.copyOf(gone);
    }

    /**
     * Fails the run when Sluice spells a left row's key otherwise than the warehouse (a number's scale, say): the
     * join would never find that record's state, and could delete it.
     */
    public synchronized void requireSameKey(String key) {
        if (!overflowed && !hashes.containsKey(key)) {
            throw new IllegalStateException("diff: warehouse cannot match record key '" + key + "' of sync '"
                    + run.sync().name() + "': the warehouse writes it otherwise as text; use diff: local for this sync");
        }
    }

    /** A left row the state store holds with the same content: its hash goes into the warehouse as it is. */
    public synchronized void unchanged(String key) {
        upsert(key);
    }

    /** Records the state store now holds as delivered (after the destination accepted them) or dropped. */
    synchronized void committed(List<String> delivered, List<String> forgotten) {
        delivered.forEach(this::upsert);
        forgotten.forEach(this::forget);
    }

    /** A record the state table holds and the state store no longer does. */
    public synchronized void forget(String key) {
        deletes.add(new Object[] {run.sync().name(), key});
        if (deletes.size() >= WRITE_BATCH) {
            flush();
        }
    }

    private void upsert(String key) {
        upserts.add(new Object[] {run.sync().name(), key, hashes.remove(key)});
        if (upserts.size() >= WRITE_BATCH) {
            flush();
        }
    }

    /**
     * Writes what is pending. A write that fails is logged and dropped: the next run lets those rows out again
     * (or seeds the table again) and finds them unchanged in the state store.
     */
    synchronized void flush() {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        try (Connection connection = state.writer().getConnection()) {
            write(connection, dialect.upsertState(state.table()), upserts);
            write(connection, "DELETE FROM " + state.table() + " WHERE sync_name = ? AND record_key = ?", deletes);
        } catch (SQLException e) {
            LOG.warn("Sync '{}': writing {} hashes to the warehouse's state table failed; its next run compares "
                    + "those rows with the state store again: {}", run.sync().name(), upserts.size() + deletes.size(),
                    e.getMessage());
        } finally {
            upserts.clear();
            deletes.clear();
        }
    }

    private static void write(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    statement.setString(i + 1, (String) row[i]);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
