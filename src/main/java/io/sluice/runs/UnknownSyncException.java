package io.sluice.runs;

public class UnknownSyncException extends RuntimeException {

    public UnknownSyncException(String name) {
        super("no sync named '" + name + "'");
    }
}
