package io.sluice.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class WatermarkStore {

    private final JdbcTemplate jdbc;

    public WatermarkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Watermark> find(String sync) {
        return jdbc.query("SELECT value_type, cursor_value FROM sync_watermark WHERE sync_name = ?",
                (row, i) -> new Watermark(Watermark.Type.valueOf(row.getString(1)), row.getString(2)), sync)
                .stream().findFirst();
    }

    @Transactional
    public void advance(String sync, Watermark watermark, long runId) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE sync_watermark SET value_type = ?, cursor_value = ?, run_id = ?, updated_at = ?"
                + " WHERE sync_name = ?", watermark.type().name(), watermark.value(), runId, now, sync);
        if (updated == 0) {
            jdbc.update("INSERT INTO sync_watermark (sync_name, value_type, cursor_value, run_id, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", sync, watermark.type().name(), watermark.value(), runId, now);
        }
    }
}
