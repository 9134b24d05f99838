package io.sluice.sandbox.stripe;

import java.util.Optional;

/** Failures a test asks for: refusals before a request runs, and answers lost after it ran. */
final class Faults {

    private int failuresLeft;
    private int failureStatus;
    private Boolean failureShouldRetry;
    private int lostAnswersLeft;

    synchronized void failNext(int count, int status, Boolean shouldRetry) {
        failuresLeft = count;
        failureStatus = status;
        failureShouldRetry = shouldRetry;
    }

    synchronized void loseNext(int count) {
        lostAnswersLeft = count;
    }

    /** The next injected refusal, if one is pending; it is used up. */
    synchronized Optional<Answer> takeFailure(String requestId) {
        if (failuresLeft == 0) {
            return Optional.empty();
        }
        failuresLeft--;
        Answer answer = Answer.refused(StripeError.ofStatus(failureStatus), requestId);
        return Optional.of(failureShouldRetry == null ? answer : answer.withShouldRetry(failureShouldRetry));
    }

    synchronized boolean takeLostAnswer() {
        if (lostAnswersLeft == 0) {
            return false;
        }
        lostAnswersLeft--;
        return true;
    }

    synchronized void reset() {
        failuresLeft = 0;
        lostAnswersLeft = 0;
    }
}
