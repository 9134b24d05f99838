package io.sluice.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.sluice.state.PayloadColumns;

/** The row-level audit: written in batches as runs commit outcomes, read a page at a time. */
@Repository
public class RunAudit {

    private static final String COLUMNS = "run_id, sync_name, record_key, operation, destination_id, payload, status,"
            + " error, created_at, kept_fields";
    private static final int PURGE_CHUNK = 10_000;
    private final JdbcTemplate jdbc;
    private final PayloadColumns payloads;
    private final Clock clock;

    public RunAudit(JdbcTemplate jdbc, PayloadColumns payloads, Clock clock) {
        this.jdbc = jdbc;
        this.payloads = payloads;
        this.clock = clock;
    }

    /**
     * What a record's audit row says before it is written; the time is the store's.
     *
     * @param keptFields {@code write: if_empty} fields left out because the destination held a value
     */
    public record Entry(String recordKey, RunRecord.Operation operation, String destinationId,
                        Map<String, Object> payload, RunRecord.Status status, String error, List<String> keptFields) {

        public Entry(String recordKey, RunRecord.Operation operation, String destinationId,
                     Map<String, Object> payload, RunRecord.Status status, String error) {
            this(recordKey, operation, destinationId, payload, status, error, List.of());
        }
    }

    public void record(long runId, String sync, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("INSERT INTO run_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries.stream().map(entry -> new Object[]{runId, sync, entry.recordKey(), entry.operation().name(),
                        entry.destinationId(), payloads.write(entry.payload()), entry.status().name(), entry.error(), now,
                        entry.keptFields().isEmpty() ? null : String.join(",", entry.keptFields())})
                        .toList());
    }

    /** A run's records, optionally of one status and/or one record key, in the order written. */
    public List<RunRecord> records(long runId, Optional<RunRecord.Status> status, Optional<String> key, int limit,
                                   long offset) {
        List<Object> args = new ArrayList<>();
        return jdbc.query("SELECT " + COLUMNS + " FROM run_record" + where(runId, status, key, args) + " ORDER BY id"
                + " OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit) + " ROWS ONLY",
                this::runRecord, args.toArray());
    }

    public long count(long runId, Optional<RunRecord.Status> status, Optional<String> key) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM run_record" + where(runId, status, key, args), Long.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    /** The filters as a WHERE clause, their values added to {@code args}. */
    private static String where(long runId, Optional<RunRecord.Status> status, Optional<String> key, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE run_id = ?");
        args.add(runId);
        status.ifPresent(value -> {
            where.append(" AND status = ?");
            args.add(value.name());
        });
        key.ifPresent(value -> {
            where.append(" AND record_key = ?");
            args.add(value);
        });
        return where.toString();
    }

    /**
     * Deletes in chunks: a month of a busy sync's records is millions of rows, too many for one
     * transaction.
     *
     * @return rows purged
     */
    public long purgeOlderThan(Instant cutoff) {
        long purged = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM run_record WHERE id IN (SELECT id FROM run_record WHERE created_at < ?"
                    + " FETCH FIRST " + PURGE_CHUNK + " ROWS ONLY)", Timestamp.from(cutoff));
            purged += deleted;
        } while (deleted == PURGE_CHUNK);
        return purged;
    }

    private RunRecord runRecord(ResultSet row, int i) throws SQLException {
        return new RunRecord(row.getLong("run_id"), row.getString("sync_name"), row.getString("record_key"),
                RunRecord.Operation.valueOf(row.getString("operation")), row.getString("destination_id"),
                payloads.read(row.getString("payload")), RunRecord.Status.valueOf(row.getString("status")),
                row.getString("error"), row.getTimestamp("created_at").toInstant(), kept(row.getString("kept_fields")));
    }

    private static List<String> kept(String fields) {
        return fields == null ? List.of() : List.of(fields.split(","));
    }
}
