package io.sluice.destinations;

/**
 * A call that failed as a whole. Transient failures (outage, throttling) are retried with backoff
 * before the batch's records become dead letters; permanent ones (a request the vendor will never
 * accept) become dead letters at once.
 */
public class DeliveryException extends RuntimeException {

    private final boolean transientFailure;
    private final String errorCode;
    private final boolean causedByOneRecord;

    public DeliveryException(boolean transientFailure, String errorCode, String message, Throwable cause) {
        this(transientFailure, errorCode, message, cause, false);
    }

    private DeliveryException(boolean transientFailure, String errorCode, String message, Throwable cause,
                              boolean causedByOneRecord) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.errorCode = errorCode;
        this.causedByOneRecord = causedByOneRecord;
    }

    /**
     * The vendor refused the whole call for what one of its records holds (Salesforce answers a value of the
     * wrong type with a parser error for the request): the call's other records may well be accepted without it.
     */
    public static DeliveryException refusedForOneRecord(String errorCode, String message, Throwable cause) {
        return new DeliveryException(false, errorCode, message, cause, true);
    }

    /**
     * The usual reading of an HTTP status: no answer, a timeout, throttling or a server error may pass;
     * any other 4xx is a request the vendor will refuse again.
     *
     * @param status 0 when no response came back
     */
    public static DeliveryException forHttpStatus(int status, String errorCode, String message, Throwable cause) {
        boolean transientFailure = status == 0 || status == 408 || status == 429 || status >= 500;
        return new DeliveryException(transientFailure, errorCode == null ? "HTTP_" + status : errorCode, message, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public boolean isCausedByOneRecord() {
        return causedByOneRecord;
    }

    public String errorCode() {
        return errorCode;
    }
}
