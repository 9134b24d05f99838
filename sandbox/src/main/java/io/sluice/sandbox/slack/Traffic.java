package io.sluice.sandbox.slack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.sluice.sandbox.slack.SlackSandbox.RecordedRequest;

/** Every request received, and the faults a test asked for. */
final class Traffic {

    /** Bounds memory when the sandbox serves a long-running demo. */
    private static final int MAX_RECORDED = 10_000;

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private int httpFaultsLeft;
    private int httpFaultStatus;
    private int errorAnswersLeft;
    private String errorAnswer;

    /** An HTTP failure for the next message posted (Web API or webhook), if one is pending. */
    synchronized OptionalInt takeHttpFault() {
        if (httpFaultsLeft == 0) {
            return OptionalInt.empty();
        }
        httpFaultsLeft--;
        return OptionalInt.of(httpFaultStatus);
    }

    /** An {@code "ok":false} answer for the next {@code chat.postMessage}, if one is pending. */
    synchronized Optional<String> takeErrorAnswer() {
        if (errorAnswersLeft == 0) {
            return Optional.empty();
        }
        errorAnswersLeft--;
        return Optional.of(errorAnswer);
    }

    synchronized void failNext(int count, int status) {
        httpFaultsLeft = count;
        httpFaultStatus = status;
    }

    synchronized void answerNextWith(int count, String error) {
        errorAnswersLeft = count;
        errorAnswer = error;
    }

    synchronized void record(RecordedRequest request) {
        if (requests.size() == MAX_RECORDED) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized void reset() {
        requests.clear();
        httpFaultsLeft = 0;
        errorAnswersLeft = 0;
    }
}
