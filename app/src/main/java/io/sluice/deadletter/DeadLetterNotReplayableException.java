package io.sluice.deadletter;

public class DeadLetterNotReplayableException extends RuntimeException {

    public DeadLetterNotReplayableException(DeadLetter deadLetter) {
        super("dead letter " + deadLetter.id() + " has no record key (" + deadLetter.errorMessage()
                + "); fix the row in the warehouse and the next run sends it");
    }
}
