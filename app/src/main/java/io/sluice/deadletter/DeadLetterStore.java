package io.sluice.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.state.PayloadColumns;

/**
 * Persistent dead letters. A record has at most one open dead letter per sync and operation: a
 * record that fails again updates it (new payload, error, attempts) instead of piling up copies.
 */
@Repository
public class DeadLetterStore {

    private static final String COLUMNS = "id, sync_name, run_id, record_key, operation, payload, content_hash,"
            + " destination_id, error_code, error_message, retryable, attempts, status, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final PayloadColumns payloads;

    public DeadLetterStore(JdbcTemplate jdbc, PayloadColumns payloads) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.payloads = payloads;
    }

    public record Failure(OutboundRecord record, String errorCode, String errorMessage, boolean retryable,
                          int attempts) {
    }

    @Transactional
    public void record(String sync, Long runId, DeliveryBatch.Operation operation, List<Failure> failures) {
        Timestamp now = Timestamp.from(Instant.now());
        for (Failure failure : failures) {
            OutboundRecord record = failure.record();
            String payload = payloads.write(record.payload());
            // a row without a key has no identity but its content: the same bad row is one dead letter
            String sameRecord = record.key() == null ? "record_key IS NULL AND content_hash = ?" : "record_key = ?";
            int updated = jdbc.update("UPDATE dead_letter SET run_id = ?, payload = ?, content_hash = ?,"
                            + " destination_id = COALESCE(?, destination_id), error_code = ?, error_message = ?,"
                            + " retryable = ?, attempts = attempts + ?, updated_at = ?"
                            + " WHERE sync_name = ? AND operation = ? AND status = 'OPEN' AND " + sameRecord,
                    runId, payload, record.contentHash(), record.destinationId(), failure.errorCode(),
                    failure.errorMessage(), failure.retryable(), failure.attempts(), now, sync, operation.name(),
                    record.key() == null ? record.contentHash() : record.key());
            if (updated == 0) {
                jdbc.update("INSERT INTO dead_letter (sync_name, run_id, record_key, operation, payload, content_hash,"
                                + " destination_id, error_code, error_message, retryable, attempts, status, created_at,"
                                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)",
                        sync, runId, record.key(), operation.name(), payload, record.contentHash(),
                        record.destinationId(), failure.errorCode(), failure.errorMessage(), failure.retryable(),
                        failure.attempts(), now, now);
            }
        }
    }

    public boolean hasOpen(String sync) {
        return countOpen(sync) > 0;
    }

    public long countOpen(String sync) {
        Long open = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE sync_name = ? AND status = 'OPEN'",
                Long.class, sync);
        return open == null ? 0 : open;
    }

    /** Content hash of the open upsert dead letter per key, for the keys given that have one. */
    public Map<String, String> openHashes(String sync, Collection<String> keys) {
        Map<String, String> hashes = new HashMap<>();
        if (keys.isEmpty()) {
            return hashes;
        }
        named.query("SELECT record_key, content_hash FROM dead_letter WHERE sync_name = :sync AND status = 'OPEN'"
                        + " AND operation = 'UPSERT' AND record_key IN (:keys)",
                new MapSqlParameterSource("sync", sync).addValue("keys", keys),
                row -> {
                    hashes.put(row.getString(1), row.getString(2));
                });
        return hashes;
    }

    /** Closes the open dead letters of records that a run has now delivered. */
    public void resolve(String sync, DeliveryBatch.Operation operation, Collection<String> keys, DeadLetter.Status status) {
        if (keys.isEmpty()) {
            return;
        }
        named.update("UPDATE dead_letter SET status = :status, updated_at = :now WHERE sync_name = :sync"
                        + " AND operation = :operation AND status = 'OPEN' AND record_key IN (:keys)",
                new MapSqlParameterSource("status", status.name()).addValue("now", Timestamp.from(Instant.now()))
                        .addValue("sync", sync).addValue("operation", operation.name()).addValue("keys", keys));
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", this::deadLetter, id)
                .stream().findFirst();
    }

    public List<DeadLetter> list(Optional<String> sync, Optional<DeadLetter.Status> status, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter" + where(sync, status, args) + " ORDER BY id"
                + " OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit) + " ROWS ONLY",
                this::deadLetter, args.toArray());
    }

    public long count(Optional<String> sync, Optional<DeadLetter.Status> status) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter" + where(sync, status, args), Long.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    /** The filters as a WHERE clause, their values added to {@code args}. */
    private static String where(Optional<String> sync, Optional<DeadLetter.Status> status, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        sync.ifPresent(name -> {
            where.append(" AND sync_name = ?");
            args.add(name);
        });
        status.ifPresent(value -> {
            where.append(" AND status = ?");
            args.add(value.name());
        });
        return where.toString();
    }

    public void close(long id, DeadLetter.Status status) {
        jdbc.update("UPDATE dead_letter SET status = ?, updated_at = ? WHERE id = ?",
                status.name(), Timestamp.from(Instant.now()), id);
    }

    /**
     * Gives a letter up. Its payload may hold personal data nobody will deliver any more, so it is purged;
     * the rest stays for audit.
     *
     * @return false when the letter was not open (replayed, resolved or discarded meanwhile)
     */
    public boolean discard(long id) {
        return jdbc.update("UPDATE dead_letter SET status = ?, payload = '{}', updated_at = ? WHERE id = ? AND status = ?",
                DeadLetter.Status.DISCARDED.name(), Timestamp.from(Instant.now()), id, DeadLetter.Status.OPEN.name()) == 1;
    }

    public void failedAgain(long id, String errorCode, String errorMessage, boolean retryable, int attempts) {
        jdbc.update("UPDATE dead_letter SET error_code = ?, error_message = ?, retryable = ?, attempts = attempts + ?,"
                        + " updated_at = ? WHERE id = ?",
                errorCode, errorMessage, retryable, attempts, Timestamp.from(Instant.now()), id);
    }

    private DeadLetter deadLetter(ResultSet row, int i) throws SQLException {
        return new DeadLetter(row.getLong("id"), row.getString("sync_name"), row.getObject("run_id", Long.class),
                row.getString("record_key"), DeliveryBatch.Operation.valueOf(row.getString("operation")),
                payloads.read(row.getString("payload")), row.getString("content_hash"), row.getString("destination_id"),
                row.getString("error_code"), row.getString("error_message"), row.getBoolean("retryable"),
                row.getInt("attempts"), DeadLetter.Status.valueOf(row.getString("status")),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }
}
