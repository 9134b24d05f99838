package io.sluice.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One run per sync across every instance sharing the state store: a run holds its sync's row in
 * {@code sync_lease} and renews it while it is alive. Taking a lease is one conditional statement, so two
 * instances asking at once cannot both get it; a lease nobody renewed in time is free again, and is removed by
 * the first instance to look ({@link #dropExpired()}).
 */
@Component("runLeases")
public class RunLeases {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);

    private final JdbcTemplate jdbc;
    private final ClusterProperties cluster;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private final ApplicationEventPublisher events;

    RunLeases(JdbcTemplate jdbc, ClusterProperties cluster, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cluster = cluster;
        this.events = events;
    }

    /** Another instance took over the lease of a sync this instance is still running. */
    record LeaseLost(String sync, String reason) {
    }

    public String instanceId() {
        return cluster.instanceId();
    }

    /** True when this instance now holds the sync's lease; false while any instance (this one too) runs it. */
    boolean acquire(String sync) {
        if (!held.add(sync)) {
            return false;
        }
        Instant now = Instant.now();
        try {
            // an expired lease is taken over: its owner stopped renewing it
            boolean taken = jdbc.update("UPDATE sync_lease SET owner = ?, expires_at = ? WHERE sync_name = ? AND expires_at < ?",
                    instanceId(), expiry(now), sync, Timestamp.from(now)) == 1
                    || insert(sync, now);
            if (!taken) {
                held.remove(sync);
            }
            return taken;
        } catch (RuntimeException e) {
            held.remove(sync);
            throw e;
        }
    }

    void release(String sync) {
        held.remove(sync);
        lost.remove(sync);
        jdbc.update("DELETE FROM sync_lease WHERE sync_name = ? AND owner = ?", sync, instanceId());
    }

    /** Whether some instance runs the sync now. */
    boolean isTaken(String sync) {
        Integer live = jdbc.queryForObject("SELECT COUNT(*) FROM sync_lease WHERE sync_name = ? AND expires_at >= ?",
                Integer.class, sync, Timestamp.from(Instant.now()));
        return live != null && live > 0;
    }

    /** Called every {@code sluice.cluster.lease-renewal} while this instance runs anything. */
    public void renew() {
        for (String sync : held) {
            Instant now = Instant.now();
            if (jdbc.update("UPDATE sync_lease SET expires_at = ? WHERE sync_name = ? AND owner = ?",
                    expiry(now), sync, instanceId()) == 0 && held.contains(sync) && lost.add(sync)) {
                // renewals came too late (a long pause): another instance took the sync over, or the lease was
                // removed as expired and the run closed. This run stops sending, so it overlaps the next one by the
                // batches in flight at most
                String reason = "instance " + instanceId() + " lost the lease of sync '" + sync + "'"
                        + owner(sync).map(owner -> " to instance " + owner).orElse("")
                        + " (not renewed within " + DurationStyle.SIMPLE.print(cluster.leaseDuration())
                        + "); this run stops sending";
                LOG.error("{}", reason);
                events.publishEvent(new LeaseLost(sync, reason));
            }
        }
    }

    /**
     * Removes the leases nobody renewed in time, so that their runs can be closed as abandoned: a holder that
     * merely paused then finds at its next renewal that it lost its lease, and stops.
     */
    void dropExpired() {
        jdbc.update("DELETE FROM sync_lease WHERE expires_at < ?", Timestamp.from(Instant.now()));
    }

    private Optional<String> owner(String sync) {
        return jdbc.queryForList("SELECT owner FROM sync_lease WHERE sync_name = ?", String.class, sync).stream()
                .findFirst();
    }

    private boolean insert(String sync, Instant now) {
        try {
            jdbc.update("INSERT INTO sync_lease (sync_name, owner, expires_at) VALUES (?, ?, ?)",
                    sync, instanceId(), expiry(now));
            return true;
        } catch (DuplicateKeyException heldElsewhere) {
            return false;
        }
    }

    private Timestamp expiry(Instant now) {
        return Timestamp.from(now.plus(cluster.leaseDuration()));
    }
}
