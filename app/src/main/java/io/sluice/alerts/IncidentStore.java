package io.sluice.alerts;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Open and cleared alert incidents, kept in the state store so a restart does not alert again. */
@Repository
class IncidentStore {

    private final JdbcTemplate jdbc;

    IncidentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Callers serialise opening and clearing ({@link Alerts} does).
     *
     * @return whether a new incident was opened; {@code false} when one of this kind was open already
     */
    boolean open(String sync, String kind, String message, Instant at) {
        Integer open = jdbc.queryForObject("SELECT COUNT(*) FROM alert_incident WHERE sync_name = ? AND kind = ?"
                + " AND cleared_at IS NULL", Integer.class, sync, kind);
        if (open != null && open > 0) {
            return false;
        }
        jdbc.update("INSERT INTO alert_incident (sync_name, kind, message, opened_at) VALUES (?, ?, ?, ?)",
                sync, kind, message, Timestamp.from(at));
        return true;
    }

    /** @return whether an open incident was cleared */
    boolean clear(String sync, String kind, Instant at) {
        return jdbc.update("UPDATE alert_incident SET cleared_at = ? WHERE sync_name = ? AND kind = ?"
                + " AND cleared_at IS NULL", Timestamp.from(at), sync, kind) > 0;
    }
}
