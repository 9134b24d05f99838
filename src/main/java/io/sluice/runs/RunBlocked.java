package io.sluice.runs;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a guard stops a run before its first write: the hook for alerting. The run waits,
 * {@link SyncRun#blockedBy()} says why, until an operator approves or discards its plan.
 */
public class RunBlocked extends ApplicationEvent {

    private final SyncRun run;

    public RunBlocked(Object source, SyncRun run) {
        super(source);
        this.run = run;
    }

    public SyncRun run() {
        return run;
    }
}
