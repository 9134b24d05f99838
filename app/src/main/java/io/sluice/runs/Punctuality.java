package io.sluice.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.sluice.sync.SyncDefinition;

/**
 * Whether a scheduled sync is late: it has not succeeded within twice its schedule's interval, counted
 * from its last success or, for a sync that never succeeded, from when Sluice started.
 */
@Component
public class Punctuality {

    private final RunRepository runs;
    private final Clock clock;
    private final Instant started;

    Punctuality(RunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** @return since when the sync is expected to have succeeded, when it is late */
    public Optional<Lateness> lateness(SyncDefinition sync) {
        // a manual sync is never late: not worth a query every check
        if (sync.schedule().isManual()) {
            return Optional.empty();
        }
        return lateness(sync, runs.lastSucceeded(sync.name()).map(SyncRun::endedAt));
    }

    /** For a caller that has already looked up the last success. */
    public Optional<Lateness> lateness(SyncDefinition sync, Optional<Instant> lastSuccess) {
        Instant since = lastSuccess.orElse(started);
        return sync.schedule().intervalAfter(since)
                .map(interval -> since.plus(interval.multipliedBy(2)))
                .filter(due -> clock.instant().isAfter(due))
                .map(due -> new Lateness(lastSuccess, due, Duration.between(due, clock.instant())));
    }

    /**
     * @param lastSuccess when the sync last succeeded, if ever
     * @param due         when it should have succeeded again at the latest
     * @param overdue     how long ago that was
     */
    public record Lateness(Optional<Instant> lastSuccess, Instant due, Duration overdue) {
    }
}
