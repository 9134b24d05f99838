package io.sluice.sandbox.salesforce;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A vendor slower than any timeout a test could pick: API calls wait unanswered until released. */
final class CallHold {

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    int waiting() {
        return waiting.get();
    }

    void awaitRelease() {
        CountDownLatch current = gate;
        if (current.getCount() == 0) {
            return;
        }
        waiting.incrementAndGet();
        try {
            current.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
    }
}
