package io.sluice.sync;

public class InvalidSyncException extends RuntimeException {

    public InvalidSyncException(LoadedSyncFile file) {
        super("sync '" + file.name() + "' is invalid and cannot run: "
                + String.join("; ", file.problems().stream().map(SyncFileProblem::toString).toList()));
    }
}
