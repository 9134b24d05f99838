package io.sluice.destinations;

/**
 * A call that failed as a whole. Transient failures (outage, throttling) are retried with backoff
 * before the batch's records become dead letters; permanent ones (a request the vendor will never
 * accept) become dead letters at once.
 */
public class DeliveryException extends RuntimeException {

    private final boolean transientFailure;
    private final String errorCode;

    public DeliveryException(boolean transientFailure, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.errorCode = errorCode;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public String errorCode() {
        return errorCode;
    }
}
