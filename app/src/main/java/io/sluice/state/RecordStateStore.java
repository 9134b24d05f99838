package io.sluice.state;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each sync last delivered, per record key: the content hash the diff compares with and the id
 * the destination returned. Written only after the destination accepted the record.
 */
@Repository
public class RecordStateStore {

    private static final RowMapper<StoredRecord> STORED =
            (row, i) -> new StoredRecord(row.getString(1), row.getString(2), row.getString(3));
    private static final int SCAN_FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public RecordStateStore(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    public record DeliveredRecord(String key, String contentHash, String destinationId) {
    }

    public record StoredRecord(String key, String contentHash, String destinationId) {
    }

    /**
     * What was last delivered, per key, for the keys given that have been delivered. The keys travel
     * as one array parameter: one statement text however many keys, so the database plans it once.
     */
    public Map<String, StoredRecord> delivered(String sync, Collection<String> keys) {
        Map<String, StoredRecord> delivered = new HashMap<>(keys.size() * 2);
        if (keys.isEmpty()) {
            return delivered;
        }
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT record_key, content_hash, destination_id"
                    + " FROM record_state WHERE sync_name = ? AND record_key = ANY(?)");
            statement.setString(1, sync);
            statement.setArray(2, connection.createArrayOf("VARCHAR", keys.toArray()));
            return statement;
        }, row -> {
            delivered.put(row.getString(1), new StoredRecord(row.getString(1), row.getString(2), row.getString(3)));
        });
        return delivered;
    }

    /** Every record of a sync in key order, in one list: for small syncs and for checking what the store holds. */
    public List<StoredRecord> records(String sync) {
        return jdbc.query("SELECT record_key, content_hash, destination_id FROM record_state WHERE sync_name = ?"
                + " ORDER BY record_key", STORED, sync);
    }

    /**
     * The sync's records in key order, from the first key after {@code afterKey} ({@code null}: from the start),
     * at most {@code limit}: a sync's whole state is read a page at a time, each page a short query of its own
     * (no connection held open, no database-specific streaming), and a page the same whatever changed since.
     */
    public List<StoredRecord> recordsAfter(String sync, String afterKey, int limit) {
        return afterKey == null
                ? jdbc.query("SELECT record_key, content_hash, destination_id FROM record_state WHERE sync_name = ?"
                        + " ORDER BY record_key FETCH FIRST " + limit + " ROWS ONLY", STORED, sync)
                : jdbc.query("SELECT record_key, content_hash, destination_id FROM record_state WHERE sync_name = ?"
                        + " AND record_key > ? ORDER BY record_key FETCH FIRST " + limit + " ROWS ONLY", STORED, sync,
                        afterKey);
    }

    /**
     * Every record of a sync, streamed in one sequential read (in no particular order): memory stays
     * flat however many the sync holds. The read transaction lets PostgreSQL's driver stream by fetch
     * size instead of buffering the whole result.
     */
    @Transactional(readOnly = true)
    public void forEach(String sync, Consumer<StoredRecord> visitor) {
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT record_key, content_hash, destination_id FROM record_state WHERE sync_name = ?");
            statement.setFetchSize(SCAN_FETCH_SIZE);
            statement.setString(1, sync);
            return statement;
        }, (RowCallbackHandler) row -> visitor.accept(
                new StoredRecord(row.getString(1), row.getString(2), row.getString(3))));
    }

    /**
     * Commits a batch of accepted records in one transaction; a record delivered before keeps its
     * destination id when the destination did not repeat it.
     */
    @Transactional
    public void markDelivered(String sync, List<DeliveredRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        int[] updated = jdbc.batchUpdate("UPDATE record_state SET content_hash = ?,"
                        + " destination_id = COALESCE(?, destination_id), delivered_at = ?"
                        + " WHERE sync_name = ? AND record_key = ?",
                records.stream().map(r -> new Object[]{r.contentHash(), r.destinationId(), now, sync, r.key()}).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                DeliveredRecord r = records.get(i);
                inserts.add(new Object[]{sync, r.key(), r.contentHash(), r.destinationId(), now});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO record_state (sync_name, record_key, content_hash, destination_id, delivered_at)"
                    + " VALUES (?, ?, ?, ?, ?)", inserts);
        }
        // what state costs per delivered record: one commit serves a whole batch
        meters.counter("sluice.state.commits", "sync", sync).increment();
        meters.counter("sluice.state.records.committed", "sync", sync).increment(records.size());
    }

    @Transactional
    public void forget(String sync, List<String> keys) {
        jdbc.batchUpdate("DELETE FROM record_state WHERE sync_name = ? AND record_key = ?",
                keys.stream().map(key -> new Object[]{sync, key}).toList());
    }

    public long count(String sync) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM record_state WHERE sync_name = ?", Long.class, sync);
        return count == null ? 0 : count;
    }
}
