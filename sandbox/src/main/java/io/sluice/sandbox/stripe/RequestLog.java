package io.sluice.sandbox.stripe;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;

/** Every API request received, oldest first. */
final class RequestLog {

    /** Bounds memory when the sandbox serves a long-running demo; tests look at far fewer requests. */
    private static final int MAX_REQUESTS = 10_000;

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();

    synchronized void add(RecordedRequest request) {
        if (requests.size() == MAX_REQUESTS) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
