package io.sluice.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The API requests a sandbox received, oldest first, as its vendor's record type, for tests and the
 * {@code /sandbox} view to inspect. A handler records a request before answering it, so a caller that has its
 * answer always finds its request here.
 */
public final class TrafficLog<T> {

    /** Bounds memory when a sandbox serves a long-running demo; tests look at far fewer requests. */
    private static final int MAX_RECORDED = 10_000;

    private final Clock clock;
    private final Deque<T> recorded = new ArrayDeque<>();

    /** @param clock the sandbox's clock, which tests may move by hand */
    public TrafficLog(Clock clock) {
        this.clock = clock;
    }

    /** When a request arriving now arrived, on the sandbox's clock. */
    public Instant now() {
        return clock.instant();
    }

    public synchronized void record(T request) {
        if (recorded.size() == MAX_RECORDED) {
            recorded.removeFirst();
        }
        recorded.addLast(request);
    }

    public synchronized List<T> all() {
        return List.copyOf(recorded);
    }

    public synchronized void clear() {
        recorded.clear();
    }
}
