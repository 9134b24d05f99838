package io.sluice.sandbox.hubspot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.hubspot.HubSpotSandbox.CrmObject;
import io.sluice.sandbox.hubspot.ObjectStore.Upserted;
import io.sluice.sandbox.hubspot.PropertyValidation.InvalidProperty;
import io.sluice.sandbox.hubspot.Schema.ObjectType;
import io.sluice.sandbox.hubspot.Schema.PropertyDefinition;

/**
 * The CRM's batch endpoints: {@code POST /crm/v3/objects/{objectType}/batch/upsert},
 * {@code .../batch/read} and {@code .../batch/archive}. A malformed or oversized batch is refused as a whole (400); inputs whose
 * property values HubSpot would not accept fail one by one in a 207 while the others are written.
 */
final class ObjectsApi {

    static final int BATCH_LIMIT = 100;

    private record Input(String id, PropertyDefinition idProperty, Map<String, String> properties) {
    }

    private final ObjectStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final long portalId;

    ObjectsApi(ObjectStore store, ObjectMapper mapper, Clock clock, long portalId) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.portalId = portalId;
    }

    Answer upsert(ObjectType type, JsonNode request) {
        List<Input> inputs = upsertInputs(type, batchInputs(request));
        String startedAt = clock.instant().toString();
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Input input : inputs) {
            List<InvalidProperty> invalid = PropertyValidation.check(type, input.properties());
            if (invalid.isEmpty()) {
                results.add(result(store.upsert(type, input.idProperty(), input.id(), input.properties(),
                        clock.instant())));
            } else {
                errors.add(HubSpotErrors.invalidInput(input.id(), invalid, portalId, mapper));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "COMPLETE");
        answer.put("results", results);
        if (!errors.isEmpty()) {
            answer.put("numErrors", errors.size());
            answer.put("errors", errors);
        }
        answer.put("startedAt", startedAt);
        answer.put("completedAt", clock.instant().toString());
        return Answer.json(errors.isEmpty() ? 200 : 207, answer);
    }

    /**
     * Records by HubSpot id, or by the value of a unique property ({@code idProperty}), with the properties asked
     * for. Inputs the account does not hold fail together in one {@code OBJECT_NOT_FOUND} error of a 207, naming
     * them in {@code context.ids}, as HubSpot answers.
     */
    Answer read(ObjectType type, JsonNode request) {
        List<JsonNode> inputs = batchInputs(request);
        JsonNode idPropertyName = request.path("idProperty");
        PropertyDefinition idProperty = idPropertyName.isTextual() && !idPropertyName.asText().equals("hs_object_id")
                ? uniqueProperty(type, idPropertyName.asText(), "read") : null;
        List<String> wanted = new ArrayList<>();
        request.path("properties").forEach(name -> wanted.add(name.asText()));
        String startedAt = clock.instant().toString();
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String id = requiredText(inputs.get(i), "id", i);
            (idProperty == null ? store.get(type, id) : store.find(type, idProperty, id)).ifPresentOrElse(
                    found -> results.add(readResult(found, wanted)), () -> missing.add(id));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "COMPLETE");
        answer.put("results", results);
        if (!missing.isEmpty()) {
            Map<String, Object> error = HubSpotErrors.of("OBJECT_NOT_FOUND", "Could not get some "
                    + type.objectTypeId() + " objects, they may be deleted or not exist. Check that ids are valid.");
            error.put("context", Map.of("ids", missing));
            answer.put("numErrors", 1);
            answer.put("errors", List.of(error));
        }
        answer.put("startedAt", startedAt);
        answer.put("completedAt", clock.instant().toString());
        return Answer.json(missing.isEmpty() ? 200 : 207, answer);
    }

    /** HubSpot answers the properties asked for that the record holds, and always its id and dates. */
    private static Map<String, Object> readResult(CrmObject found, List<String> wanted) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : List.of("hs_object_id", "createdate")) {
            properties.put(name, found.property(name));
        }
        wanted.forEach(name -> properties.put(name, found.property(name)));
        Map<String, Object> result = found.asJson();
        result.put("properties", properties);
        return result;
    }

    /** Ids the account does not hold are skipped without complaint; the answer is always an empty 204. */
    Answer archive(ObjectType type, JsonNode request) {
        List<String> ids = new ArrayList<>();
        List<JsonNode> inputs = batchInputs(request);
        for (int i = 0; i < inputs.size(); i++) {
            ids.add(requiredText(inputs.get(i), "id", i));
        }
        store.archive(type, ids);
        return Answer.empty(204);
    }

    private static List<JsonNode> batchInputs(JsonNode request) {
        JsonNode inputs = request.path("inputs");
        if (!inputs.isArray()) {
            throw Rejected.validation("Invalid input JSON: the body must be an object with an array of inputs");
        }
        if (inputs.size() > BATCH_LIMIT) {
            throw Rejected.validation("Batch input size " + inputs.size() + " is larger than the limit of "
                    + BATCH_LIMIT + " inputs per request");
        }
        List<JsonNode> list = new ArrayList<>();
        inputs.forEach(list::add);
        return list;
    }

    private List<Input> upsertInputs(ObjectType type, List<JsonNode> nodes) {
        List<Input> inputs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String id = requiredText(node, "id", i);
            PropertyDefinition idProperty = idProperty(type, requiredText(node, "idProperty", i));
            if (!seen.add(idProperty.name() + "\n" + id.toLowerCase(Locale.ROOT))) {
                throw Rejected.validation("Duplicate IDs found in batch input: [" + id + "]");
            }
            Map<String, String> properties = properties(node.path("properties"), i);
            // the input's id is the value of its idProperty, whatever the properties say
            properties.put(idProperty.name(), id);
            inputs.add(new Input(id, idProperty, properties));
        }
        return inputs;
    }

    private static PropertyDefinition idProperty(ObjectType type, String name) {
        return uniqueProperty(type, name, "update/upsert");
    }

    private static PropertyDefinition uniqueProperty(ObjectType type, String name, String operation) {
        PropertyDefinition property = type.property(name).orElseThrow(() -> Rejected.validation(
                "Unable to perform " + operation + " by " + type.objectTypeId() + " property " + name
                        + ": Property \"" + name + "\" does not exist"));
        if (!property.unique()) {
            throw Rejected.validation("Unable to perform " + operation + " by non-unique " + type.objectTypeId()
                    + " property " + name);
        }
        return property;
    }

    private static Map<String, String> properties(JsonNode node, int input) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return properties;
        }
        if (!node.isObject()) {
            throw Rejected.validation("Invalid input JSON: inputs[" + input + "].properties must be an object");
        }
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw Rejected.validation("Invalid input JSON: inputs[" + input + "].properties." + field.getKey()
                        + " must be a string, a number or a boolean");
            }
            properties.put(field.getKey(), value.isNull() ? "" : value.asText());
        });
        return properties;
    }

    private static String requiredText(JsonNode input, String field, int index) {
        JsonNode value = input.path(field);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw Rejected.validation("Invalid input JSON: inputs[" + index + "]." + field + " is required");
        }
        return value.asText();
    }

    private static Map<String, Object> result(Upserted upserted) {
        Map<String, Object> result = upserted.object().asJson();
        result.put("new", upserted.created());
        return result;
    }
}
