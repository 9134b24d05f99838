package io.sluice.runs;

public class UnknownRunException extends RuntimeException {

    public UnknownRunException(long id) {
        super("no run with id " + id);
    }
}
