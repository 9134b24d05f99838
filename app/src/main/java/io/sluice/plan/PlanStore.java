package io.sluice.plan;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.state.PayloadColumns;

/**
 * A run's plan, spooled to the state store during the diff so that memory stays flat however much
 * changed, and delivered from there: after the guards passed, or after an operator approved it.
 */
@Repository
public class PlanStore {

    private final JdbcTemplate jdbc;
    private final PayloadColumns payloads;

    public PlanStore(JdbcTemplate jdbc, PayloadColumns payloads) {
        this.jdbc = jdbc;
        this.payloads = payloads;
    }

    /** One planned record and its place in the plan. */
    record Planned(long id, OutboundRecord record) {
    }

    /** One JDBC batch per delivery batch. */
    void write(long runId, DeliveryBatch batch) {
        jdbc.batchUpdate("INSERT INTO run_plan (run_id, operation, record_key, payload, content_hash, destination_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                batch.records().stream().map(record -> new Object[]{runId, batch.operation().name(), record.key(),
                        payloads.write(record.payload()), record.contentHash(), record.destinationId()}).toList());
    }

    /** The next records of one operation after {@code afterId}, in plan order. */
    List<Planned> next(long runId, DeliveryBatch.Operation operation, long afterId, int limit) {
        return jdbc.query("SELECT id, record_key, payload, content_hash, destination_id FROM run_plan"
                        + " WHERE run_id = ? AND operation = ? AND id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY",
                (row, i) -> new Planned(row.getLong(1), new OutboundRecord(row.getString(2),
                        payloads.read(row.getString(3)), row.getString(4), row.getString(5))),
                runId, operation.name(), afterId);
    }

    /** How many records of one operation the plan holds. */
    long count(long runId, DeliveryBatch.Operation operation) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM run_plan WHERE run_id = ? AND operation = ?",
                Long.class, runId, operation.name());
        return count == null ? 0 : count;
    }

    public void drop(long runId) {
        jdbc.update("DELETE FROM run_plan WHERE run_id = ?", runId);
    }

    /** Plans of runs that ended FAILED (a process that died mid-delivery) will never be delivered. */
    public int dropFailed() {
        return jdbc.update("DELETE FROM run_plan WHERE run_id IN (SELECT id FROM sync_run WHERE status = 'FAILED')");
    }
}
