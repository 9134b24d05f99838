package io.sluice.runs;

public class SyncAlreadyRunningException extends RuntimeException {

    public SyncAlreadyRunningException(String name) {
        super("sync '" + name + "' is already running");
    }
}
