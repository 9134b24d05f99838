package io.sluice.runs;

import io.sluice.sync.SyncDefinition;

/**
 * Published when a guard stops a run before its first write: the hook for alerting. The run waits,
 * {@link SyncRun#blockedBy()} says why, until an operator approves or discards its plan.
 *
 * @param sync the definition the run ran on (a broken edit of its file keeps this one running)
 */
public record RunBlocked(SyncDefinition sync, SyncRun run) {
}
