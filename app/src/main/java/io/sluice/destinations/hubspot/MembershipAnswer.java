package io.sluice.destinations.hubspot;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.Memberships;
import io.sluice.destinations.RecordOutcome;

/**
 * HubSpot's answers on the way to a list's membership: the batch read that finds the records (200, or 207 naming
 * those it does not hold in an {@code OBJECT_NOT_FOUND} error), and the list's answer to an addition or a removal,
 * {@code recordIdsMissing} and {@code recordsIdsAdded} (HubSpot's spelling).
 */
final class MembershipAnswer {

    private MembershipAnswer() {
    }

    /** Record id by the idProperty value it was found by; e-mail addresses come back in lower case. */
    static Map<String, String> recordIds(BatchRequest read, JsonNode answer) {
        if (answer == null || !answer.path("results").isArray()) {
            throw new DeliveryException(true, "UNEXPECTED_RESPONSE",
                    "HubSpot answered a batch read without a results array: " + answer, null);
        }
        Map<String, String> recordIds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (JsonNode result : answer.path("results")) {
            JsonNode value = result.path("properties").path(read.idProperty());
            if (value.isTextual() && result.path("id").isTextual()) {
                recordIds.put(value.asText(), result.path("id").asText());
            }
        }
        return recordIds;
    }

    /** A record the list calls missing was archived since it was read: it is not a member HubSpot holds. */
    static void readChange(BatchRequest change, JsonNode answer, String object, boolean adding) {
        if (answer == null || !answer.path("recordIdsMissing").isArray()) {
            throw new DeliveryException(true, "UNEXPECTED_RESPONSE",
                    "HubSpot answered a list membership change without recordIdsMissing: " + answer, null);
        }
        Set<String> missing = texts(answer.path("recordIdsMissing"));
        Set<String> added = texts(answer.path("recordsIdsAdded"));
        for (int input = 0; input < change.inputs().size(); input++) {
            String recordId = change.inputId(input);
            change.answer(input, adding && missing.contains(recordId)
                    ? Memberships.notFound(object, "id", recordId)
                    : RecordOutcome.accepted(recordId, added.contains(recordId)));
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
