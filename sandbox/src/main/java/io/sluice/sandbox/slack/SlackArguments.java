package io.sluice.sandbox.slack;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Slack reads a JSON body's fields like form arguments. */
final class SlackArguments {

    private SlackArguments() {
    }

    /** Text as is, anything else (blocks) as JSON text. */
    static Map<String, String> fromJson(JsonNode object) {
        Map<String, String> arguments = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> arguments.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        return arguments;
    }
}
