package io.sluice.runs;

public class RunNotBlockedException extends RuntimeException {

    public RunNotBlockedException(SyncRun run) {
        super("run " + run.id() + " is " + run.status() + ", not BLOCKED: only a blocked run can be approved or"
                + " discarded");
    }
}
