package io.sluice.sandbox;

import java.util.Optional;

/**
 * A failure a test asks a sandbox for: the next {@code count} requests it applies to get {@code fault} instead
 * of being served, then the sandbox behaves again. Arming the switch again replaces what was pending, so a
 * count of 0 ends an outage.
 *
 * @param <T> what the sandbox answers instead, such as an HTTP error status or an error code
 */
public final class FaultSwitch<T> {

    private int left;
    private T fault;

    /** Checks a status for {@link #failNext}: an injected failure is an HTTP error, never a success. */
    public static int errorStatus(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("Expected an HTTP error status (400-599), got " + httpStatus);
        }
        return httpStatus;
    }

    public synchronized void failNext(int count, T fault) {
        if (count < 0) {
            throw new IllegalArgumentException("The count cannot be negative: " + count);
        }
        this.left = count;
        this.fault = fault;
    }

    /** The fault for the request at hand, used up; empty when none is pending. */
    public synchronized Optional<T> take() {
        if (left == 0) {
            return Optional.empty();
        }
        left--;
        return Optional.of(fault);
    }

    public synchronized void reset() {
        left = 0;
        fault = null;
    }
}
