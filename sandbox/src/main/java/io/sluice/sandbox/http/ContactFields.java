package io.sluice.sandbox.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The writable attributes of a contact as a create or update request carries them, checked as Intercom
 * checks them: types, roles, e-mail addresses, flat custom attributes. Attributes it does not know are
 * not stored.
 */
final class ContactFields {

    static final Set<String> ROLES = Set.of("user", "lead");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> TEXT = Set.of("role", "external_id", "email", "phone", "name", "avatar");
    private static final Set<String> TIMESTAMPS = Set.of("signed_up_at", "last_seen_at");

    private ContactFields() {
    }

    /** The attributes present in the body, null where the body sets them to null. */
    static Map<String, Object> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("parameter_invalid", "The request body must be a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (TEXT.contains(name)) {
                fields.put(name, text(name, value));
            } else if (TIMESTAMPS.contains(name)) {
                fields.put(name, timestamp(name, value));
            } else if (name.equals("owner_id")) {
                fields.put(name, integer(name, value));
            } else if (name.equals("unsubscribed_from_emails")) {
                fields.put(name, bool(name, value));
            } else if (name.equals("custom_attributes")) {
                fields.put(name, customAttributes(value));
            }
        });
        Object role = fields.get("role");
        if (role != null && !ROLES.contains(role)) {
            throw ApiError.badRequest("parameter_invalid", "role must be one of " + ROLES.stream().sorted().toList());
        }
        Object email = fields.get("email");
        if (email != null && !EMAIL.matcher(email.toString()).matches()) {
            throw ApiError.badRequest("parameter_invalid", "The email address '" + email + "' is invalid");
        }
        return fields;
    }

    private static String text(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest("parameter_invalid", name + " must be a string");
        }
        return value.asText();
    }

    private static Long timestamp(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw ApiError.badRequest("parameter_invalid", name + " must be a Unix timestamp in seconds");
        }
        return value.asLong();
    }

    private static Long integer(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw ApiError.badRequest("parameter_invalid", name + " must be an integer");
        }
        return value.asLong();
    }

    private static Boolean bool(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiError.badRequest("parameter_invalid", name + " must be true or false");
        }
        return value.asBoolean();
    }

    private static Map<String, Object> customAttributes(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ApiError.badRequest("parameter_invalid", "custom_attributes must be an object");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            JsonNode attribute = entry.getValue();
            if (attribute.isContainerNode()) {
                throw ApiError.badRequest("parameter_invalid", "custom_attributes." + entry.getKey()
                        + " must be a string, number, boolean or null");
            }
            attributes.put(entry.getKey(), attribute.isNull() ? null
                    : attribute.isTextual() ? attribute.asText()
                    : attribute.isBoolean() ? attribute.asBoolean()
                    : attribute.numberValue());
        });
        return attributes;
    }
}
