package io.sluice.sandbox.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.sluice.sandbox.hubspot.Schema.ObjectType;
import io.sluice.sandbox.hubspot.Schema.PropertyDefinition;

/**
 * {@code POST /crm/v3/properties/{objectType}}: creating a property is how a HubSpot admin fixes a
 * {@code PROPERTY_DOESNT_EXIST} rejection, after which a replay of the dead letters goes through.
 */
final class PropertiesApi {

    private static final List<String> REQUIRED = List.of("name", "label", "type", "fieldType", "groupName");

    Answer create(ObjectType type, JsonNode request) {
        for (String field : REQUIRED) {
            if (!request.path(field).isTextual() || request.path(field).asText().isBlank()) {
                throw Rejected.validation("Invalid input JSON: " + field + " is required");
            }
        }
        List<String> options = new ArrayList<>();
        request.path("options").forEach(option -> options.add(option.path("value").asText()));
        PropertyDefinition property;
        try {
            property = PropertyDefinition.custom(request.path("name").asText(), request.path("type").asText(),
                    request.path("hasUniqueValue").asBoolean(false), options);
        } catch (IllegalArgumentException invalid) {
            throw Rejected.validation(invalid.getMessage());
        }
        if (!type.add(property)) {
            throw new Rejected(409, HubSpotErrors.of("OBJECT_ALREADY_EXISTS",
                    "Property named '" + property.name() + "' already exists."));
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("name", property.name());
        created.put("label", request.path("label").asText());
        created.put("type", request.path("type").asText());
        created.put("fieldType", request.path("fieldType").asText());
        created.put("groupName", request.path("groupName").asText());
        created.put("hasUniqueValue", property.unique());
        created.put("options", property.options().stream().map(value -> Map.of("label", value, "value", value)).toList());
        return Answer.json(201, created);
    }
}
