package io.sluice.destinations;

import java.util.Map;

/**
 * One record on its way to a destination.
 *
 * @param key           the record key's value
 * @param payload       destination field → value, in mapping order
 * @param contentHash   hash of the payload, committed to the state store once delivered
 * @param destinationId the id the destination gave the record, when known (needed for deletes)
 */
public record OutboundRecord(String key, Map<String, Object> payload, String contentHash, String destinationId) {
}
