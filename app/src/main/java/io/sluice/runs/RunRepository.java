package io.sluice.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.sluice.state.Watermark;

@Repository
public class RunRepository {

    private static final String COLUMNS = "id, sync_name, run_trigger, status, started_at, ended_at, rows_read,"
            + " duplicates, unchanged, created, updated, deleted, failed, dead_lettered, filtered, error, blocked_by,"
            + " instance_id, fields_kept";

    private static final String ABANDONED = "the Sluice instance running it stopped while this run was in progress";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    // the clock lateness is judged by: a run's start and end and "now" must come from the same one
    private final Clock clock;

    public RunRepository(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public long start(String sync, SyncRun.Trigger trigger, String instance) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "INSERT INTO sync_run (sync_name, run_trigger, status, started_at, instance_id) VALUES (?, ?, ?, ?, ?)",
                    new String[]{"id"});
            statement.setString(1, sync);
            statement.setString(2, trigger.name());
            statement.setString(3, SyncRun.Status.RUNNING.name());
            statement.setTimestamp(4, Timestamp.from(clock.instant()));
            statement.setString(5, instance);
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    /**
     * The counts of a run in progress, so far: what {@code GET /admin/runs/{id}} and the console show while it works.
     * Batches finish in any order, so a count only ever grows: an older snapshot written late cannot lower it.
     */
    public void progress(long runId, SyncRun.Counts counts) {
        jdbc.update("UPDATE sync_run SET rows_read = GREATEST(COALESCE(rows_read, 0), ?),"
                        + " duplicates = GREATEST(COALESCE(duplicates, 0), ?), unchanged = GREATEST(COALESCE(unchanged, 0), ?),"
                        + " created = GREATEST(COALESCE(created, 0), ?), updated = GREATEST(COALESCE(updated, 0), ?),"
                        + " deleted = GREATEST(COALESCE(deleted, 0), ?), failed = GREATEST(COALESCE(failed, 0), ?),"
                        + " dead_lettered = GREATEST(COALESCE(dead_lettered, 0), ?),"
                        + " fields_kept = GREATEST(fields_kept, ?) WHERE id = ? AND status = ?",
                counts.read(), counts.duplicates(), counts.unchanged(), counts.created(), counts.updated(),
                counts.deleted(), counts.failed(), counts.deadLettered(), counts.fieldsKept(), runId, SyncRun.Status.RUNNING.name());
    }

    /**
     * Records how a run in progress ended.
     *
     * @return false when the run had been closed as abandoned meanwhile (its instance paused past its lease), and
     * so was announced already: its end is not recorded over that
     */
    public boolean finish(long runId, SyncRun.Status status, SyncRun.Counts counts, String error) {
        return jdbc.update("UPDATE sync_run SET status = ?, ended_at = ?, rows_read = ?, duplicates = ?, unchanged = ?,"
                        + " created = ?, updated = ?, deleted = ?, failed = ?, dead_lettered = ?, filtered = ?,"
                        + " fields_kept = ?, error = ? WHERE id = ? AND status = ?",
                status.name(), Timestamp.from(clock.instant()), counts.read(), counts.duplicates(), counts.unchanged(),
                counts.created(), counts.updated(), counts.deleted(), counts.failed(), counts.deadLettered(),
                counts.filtered(), counts.fieldsKept(), error, runId, SyncRun.Status.RUNNING.name()) == 1;
    }

    /**
     * Ends the run as blocked, keeping its report and the cursor value its plan read up to. The report is
     * written before the status: a process dying in between leaves a RUNNING run, closed as abandoned,
     * never a BLOCKED one whose approval would not know where its plan read up to.
     *
     * @return false, as {@link #finish}, when the run had been closed as abandoned meanwhile
     */
    public boolean block(long runId, SyncRun.Counts counts, GuardReport report, Optional<Watermark> plannedWatermark) {
        jdbc.update("UPDATE sync_run SET blocked_by = ?, planned_watermark_type = ?, planned_watermark = ?"
                        + " WHERE id = ? AND status = ?",
                write(report), plannedWatermark.map(w -> w.type().name()).orElse(null),
                plannedWatermark.map(Watermark::value).orElse(null), runId, SyncRun.Status.RUNNING.name());
        return finish(runId, SyncRun.Status.BLOCKED, counts, null);
    }

    /**
     * Moves a blocked run on to {@code status}; false when it is no longer blocked (someone else
     * approved or discarded it first).
     */
    public boolean leaveBlocked(long runId, SyncRun.Status status) {
        return jdbc.update("UPDATE sync_run SET status = ? WHERE id = ? AND status = ?", status.name(), runId,
                SyncRun.Status.BLOCKED.name()) == 1;
    }

    public Optional<Watermark> plannedWatermark(long runId) {
        return jdbc.query("SELECT planned_watermark_type, planned_watermark FROM sync_run WHERE id = ?"
                        + " AND planned_watermark IS NOT NULL",
                (row, i) -> new Watermark(Watermark.Type.valueOf(row.getString(1)), row.getString(2)), runId)
                .stream().findFirst();
    }

    /** The run of this sync that waits for an approval, if one does. */
    public Optional<SyncRun> blocked(String sync) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_run WHERE sync_name = ? AND status = ?"
                + " ORDER BY id FETCH FIRST 1 ROWS ONLY", this::run, sync, SyncRun.Status.BLOCKED.name())
                .stream().findFirst();
    }

    /** The last run that got to its end, refusals or not ({@link SyncRun#completed}). */
    public Optional<SyncRun> lastSucceeded(String sync) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_run WHERE sync_name = ? AND status IN (?, ?)"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", this::run, sync, SyncRun.Status.SUCCEEDED.name(),
                SyncRun.Status.PARTIAL.name()).stream().findFirst();
    }

    public Optional<SyncRun> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_run WHERE id = ?", this::run, id)
                .stream().findFirst();
    }

    public List<SyncRun> history(String sync, int limit) {
        return history(sync, limit, 0);
    }

    /** A sync's runs, newest first, skipping {@code offset} of them. */
    public List<SyncRun> history(String sync, int limit, long offset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_run WHERE sync_name = ? ORDER BY id DESC"
                + " OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit) + " ROWS ONLY",
                this::run, sync);
    }

    public long count(String sync) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM sync_run WHERE sync_name = ?", Long.class, sync);
        return count == null ? 0 : count;
    }

    public Optional<SyncRun> last(String sync) {
        return history(sync, 1).stream().findFirst();
    }

    /**
     * Closes as failed the runs left RUNNING by an instance that stopped: a run is inserted only once its
     * instance holds its sync's lease, and ends before that lease is released, so a RUNNING run of a sync
     * without a lease has nobody to end it. Expired leases are to be removed first: only then can their holder,
     * had it merely paused, no longer renew them and carry on unaware that its run was closed.
     *
     * @return the runs this call closed; instances doing this at once close each run once between them
     */
    public List<SyncRun> failAbandoned() {
        return failRunning(jdbc.queryForList("SELECT id FROM sync_run WHERE status = ? AND NOT EXISTS"
                        + " (SELECT 1 FROM sync_lease lease WHERE lease.sync_name = sync_run.sync_name)",
                Long.class, SyncRun.Status.RUNNING.name()));
    }

    /**
     * Called by the holder of the sync's lease before it starts a run: any run still RUNNING lost its instance.
     *
     * @return the runs this call closed
     */
    public List<SyncRun> failAbandoned(String sync) {
        return failRunning(jdbc.queryForList("SELECT id FROM sync_run WHERE sync_name = ? AND status = ?",
                Long.class, sync, SyncRun.Status.RUNNING.name()));
    }

    /** One conditional update per run: whoever closes a run, and so announces it, is the one whose update took. */
    private List<SyncRun> failRunning(List<Long> runIds) {
        Timestamp now = Timestamp.from(clock.instant());
        return runIds.stream()
                .filter(id -> jdbc.update("UPDATE sync_run SET status = ?, ended_at = ?, error = ?"
                                + " WHERE id = ? AND status = ?", SyncRun.Status.FAILED.name(), now, ABANDONED, id,
                        SyncRun.Status.RUNNING.name()) == 1)
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    private SyncRun run(ResultSet row, int i) throws SQLException {
        Timestamp ended = row.getTimestamp("ended_at");
        return new SyncRun(row.getLong("id"), row.getString("sync_name"),
                SyncRun.Trigger.valueOf(row.getString("run_trigger")), SyncRun.Status.valueOf(row.getString("status")),
                row.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant(),
                new SyncRun.Counts(row.getLong("rows_read"), row.getLong("duplicates"), row.getLong("unchanged"),
                        row.getLong("created"), row.getLong("updated"), row.getLong("deleted"), row.getLong("failed"),
                        row.getLong("dead_lettered"), row.getLong("filtered"),
                        row.getLong("fields_kept")),
                row.getString("error"), read(row.getString("blocked_by")), row.getString("instance_id"));
    }

    private String write(GuardReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Guard report cannot be serialised", e);
        }
    }

    private GuardReport read(String report) {
        try {
            return report == null ? null : json.readValue(report, GuardReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored guard report is not readable", e);
        }
    }
}
