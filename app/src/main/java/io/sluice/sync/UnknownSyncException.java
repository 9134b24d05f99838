package io.sluice.sync;

public class UnknownSyncException extends RuntimeException {

    public UnknownSyncException(String name) {
        super("no sync named '" + name + "'");
    }
}
