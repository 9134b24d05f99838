package io.sluice.destinations;

/**
 * What the destination answered for one record of a batch.
 *
 * @param created   the upsert created the record (false: it updated one)
 * @param errorCode the vendor's code (e.g. {@code INVALID_EMAIL_ADDRESS}), when rejected
 */
public record RecordOutcome(boolean success, String destinationId, boolean created, String errorCode,
                            String errorMessage) {

    public static RecordOutcome accepted(String destinationId, boolean created) {
        return new RecordOutcome(true, destinationId, created, null, null);
    }

    public static RecordOutcome rejected(String errorCode, String errorMessage) {
        return new RecordOutcome(false, null, false, errorCode, errorMessage);
    }
}
