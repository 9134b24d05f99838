package io.sluice.destinations.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RecordOutcome;

/**
 * HubSpot's answer to a batch upsert (200, or 207 when some inputs failed) tied back to the records
 * sent. HubSpot does not promise its results in input order: results are matched on the idProperty
 * value they carry, errors on the ids in their context.
 */
final class UpsertAnswer {

    private UpsertAnswer() {
    }

    static List<RecordOutcome> outcomes(BatchRequest request, JsonNode answer) {
        if (answer == null || !answer.path("results").isArray()) {
            throw new DeliveryException(true, "UNEXPECTED_RESPONSE",
                    "HubSpot answered a batch upsert without a results array: " + answer, null);
        }
        // HubSpot stores e-mail addresses in lower case and may answer with them so
        Map<String, List<Integer>> inputsById = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int input = 0; input < request.inputs().size(); input++) {
            inputsById.computeIfAbsent(request.inputId(input), id -> new ArrayList<>()).add(input);
        }
        List<String> errorsWithoutRecord = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            String category = error.path("category").asText("UNKNOWN_ERROR");
            String message = error.path("message").asText("rejected without a message");
            List<Integer> inputs = ids(error).stream()
                    .flatMap(id -> inputsById.getOrDefault(id, List.of()).stream())
                    .toList();
            if (inputs.isEmpty()) {
                errorsWithoutRecord.add(category + ": " + message);
            }
            inputs.forEach(input -> request.answer(input, RecordOutcome.rejected(category, message)));
        }
        for (JsonNode result : answer.path("results")) {
            JsonNode id = result.path("properties").path(request.idProperty());
            if (id.isTextual()) {
                inputsById.getOrDefault(id.asText(), List.of()).forEach(input -> request.answer(input,
                        RecordOutcome.accepted(result.path("id").asText(null), result.path("new").asBoolean(false))));
            }
        }
        for (int input = 0; input < request.inputs().size(); input++) {
            if (!request.isAnswered(input)) {
                request.answer(input, errorsWithoutRecord.isEmpty()
                        ? RecordOutcome.rejected("NO_RESULT", "HubSpot's answer held neither a result nor an error "
                                + "for this record; it may or may not have been written")
                        : RecordOutcome.rejected("UNATTRIBUTED_ERROR", "HubSpot reported errors without naming their "
                                + "records: " + String.join("; ", errorsWithoutRecord)));
            }
        }
        return request.outcomes();
    }

    /** An error names its inputs in {@code context.ids}; some carry a single {@code id}. */
    private static List<String> ids(JsonNode error) {
        List<String> ids = new ArrayList<>();
        error.path("context").path("ids").forEach(id -> ids.add(id.asText()));
        if (error.path("id").isTextual()) {
            ids.add(error.path("id").asText());
        }
        return ids;
    }
}
