package io.sluice.health;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import io.sluice.runs.Punctuality;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileDestination;
import io.sluice.sync.SyncFileProblem;

/**
 * {@code /actuator/health} component {@code syncs}, the health group {@code sync-health}: one indicator per
 * sync file. FAILING for a file that does not load or a sync whose last {@code sluice.health.failed-runs}
 * runs failed; LATE for a scheduled sync that has not succeeded within twice its schedule; UP otherwise.
 * Neither is DOWN: every node sharing the sync files would report the same, and a load balancer taking all
 * of them out would take the console and the admin API with them. The root and readiness order both
 * below UP; the {@code sync-health} group answers 503 for FAILING.
 */
@Component("syncs")
class SyncHealth implements CompositeHealthContributor {

    static final Status FAILING = new Status("FAILING", "does not load, or its last runs all failed");
    /** Serious enough to show, not to fail the {@code sync-health} group: mapped to HTTP 200. */
    static final Status LATE = new Status("LATE", "has not succeeded within twice its schedule");

    private final SyncCatalog catalog;
    private final RunRepository runs;
    private final Punctuality punctuality;
    private final int failedRuns;

    SyncHealth(SyncCatalog catalog, RunRepository runs, Punctuality punctuality, SyncHealthProperties properties) {
        this.catalog = catalog;
        this.runs = runs;
        this.punctuality = punctuality;
        this.failedRuns = properties.failedRuns();
    }

    /** Asked of the catalog each time: a reload adds, fixes, breaks or removes sync files. */
    @Override
    public HealthContributor getContributor(String name) {
        return catalog.find(name).map(this::indicator).orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return catalog.all().stream()
                .map(file -> NamedContributor.of(file.name(), indicator(file)))
                .iterator();
    }

    private HealthContributor indicator(LoadedSyncFile file) {
        return (HealthIndicator) () -> health(file);
    }

    /** How many sync files are in {@code status} now; read by the {@code sluice.syncs} gauge. */
    long count(Status status) {
        return catalog.all().stream().filter(file -> health(file).getStatus().equals(status)).count();
    }

    Health health(LoadedSyncFile file) {
        if (file.definition().isEmpty()) {
            return Health.status(FAILING)
                    .withDetail("file", file.file().toString())
                    .withDetail("problems", file.problems().stream().map(SyncFileProblem::toString).toList())
                    .build();
        }
        SyncDefinition sync = file.definition().get();
        List<SyncRun> recent = runs.history(sync.name(), failedRuns + 1).stream()
                .filter(run -> run.status() != SyncRun.Status.RUNNING)
                .toList();
        long consecutiveFailures = recent.stream().takeWhile(run -> run.status() == SyncRun.Status.FAILED).count();
        Health.Builder health = consecutiveFailures >= failedRuns ? Health.status(FAILING) : Health.up();
        health.withDetail("destination", sync.destination())
                .withDetail("connection", sync.connection().orElse(SyncFileDestination.DEFAULT_CONNECTION))
                .withDetail("schedule", sync.schedule().expression())
                .withDetail("consecutiveFailures", consecutiveFailures);
        if (!recent.isEmpty()) {
            SyncRun last = recent.get(0);
            health.withDetail("lastRunStatus", last.status().name())
                    .withDetail("lastRunAt", last.endedAt().toString());
            if (last.error() != null) {
                health.withDetail("lastError", last.error());
            }
        }
        // the recent runs usually hold the last success; only a longer failing streak needs the query
        Optional<Instant> lastSuccess = recent.stream().filter(SyncRun::completed)
                .findFirst().or(() -> runs.lastSucceeded(sync.name())).map(SyncRun::endedAt);
        lastSuccess.ifPresent(at -> health.withDetail("lastSuccessAt", at.toString()));
        punctuality.lateness(sync, lastSuccess).ifPresentOrElse(late -> {
            health.withDetail("late", true).withDetail("due", late.due().toString());
            if (consecutiveFailures < failedRuns) {
                health.status(LATE);
            }
        }, () -> health.withDetail("late", false));
        return health.build();
    }
}
