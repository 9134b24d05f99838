package io.sluice.deadletter;

public class DeadLetterNotOpenException extends RuntimeException {

    public DeadLetterNotOpenException(DeadLetter deadLetter) {
        super("dead letter " + deadLetter.id() + " is " + deadLetter.status().name().toLowerCase()
                + "; only open dead letters can be replayed or discarded");
    }
}
