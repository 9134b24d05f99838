package io.sluice.runs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One run per sync across every instance sharing the state store: a run holds its sync's row in
 * {@code sync_lease} and renews it while it is alive. Taking a lease is one conditional statement, so two
 * instances asking at once cannot both get it; a lease nobody renewed in time is free again.
 */
@Component("runLeases")
public class RunLeases {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);

    private final JdbcTemplate jdbc;
    private final ClusterProperties cluster;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    RunLeases(JdbcTemplate jdbc, ClusterProperties cluster) {
        this.jdbc = jdbc;
        this.cluster = cluster;
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
                    expiry(now), sync, instanceId()) == 0 && held.contains(sync)) {
                // renewals came too late (a long pause) and another instance took the sync over; deliveries are
                // idempotent upserts, so the two runs overlapping costs repeated calls, not wrong data
                LOG.error("Instance {} lost the lease of sync '{}' while running it: renew more often than {}",
                        instanceId(), sync, cluster.leaseDuration());
            }
        }
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
