package io.sluice.runs;

import io.sluice.sync.SyncDefinition;

/**
 * Published once a run is recorded as finished, succeeded or failed, for whatever watches runs
 * (metrics, alerts). Listeners run in the run's thread.
 */
public record RunFinished(SyncDefinition sync, SyncRun run) {
}
