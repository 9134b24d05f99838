package io.sluice.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.hubspot.PropertyValidation.InvalidProperty;

/** HubSpot's error bodies: {@code {"status":"error","message","correlationId","category"}} and its variants. */
final class HubSpotErrors {

    static final String TEN_SECONDLY = "TEN_SECONDLY_ROLLING";
    static final String DAILY = "DAILY";

    private HubSpotErrors() {
    }

    static Map<String, Object> of(String category, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", "error");
        error.put("message", message);
        error.put("correlationId", UUID.randomUUID().toString());
        error.put("category", category);
        return error;
    }

    static Map<String, Object> validation(String message) {
        return of("VALIDATION_ERROR", message);
    }

    /** What the CRM answers for an object type it cannot resolve: no category, no correlation id. */
    static Map<String, Object> unknownObjectType(String requested) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", "error");
        error.put("message", "Unable to infer object type from: " + requested);
        return error;
    }

    static Map<String, Object> unauthenticated() {
        return of("INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 "
                + "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
    }

    static Map<String, Object> rateLimited(String policy) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", "error");
        error.put("message", DAILY.equals(policy)
                ? "You have reached your daily limit."
                : "You have reached your " + policy.toLowerCase() + " limit.");
        error.put("errorType", "RATE_LIMIT");
        error.put("correlationId", UUID.randomUUID().toString());
        error.put("policyName", policy);
        return error;
    }

    /** A failure injected by a test or a demo user, in the shape HubSpot answers that status with. */
    static Map<String, Object> forStatus(int status) {
        return switch (status) {
            case 400 -> validation("Invalid input JSON on line 1, column 1: Unexpected end of content");
            case 401 -> unauthenticated();
            case 403 -> of("MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call. "
                    + "Read more about required scopes here: https://developers.hubspot.com/scopes.");
            case 404 -> of("OBJECT_NOT_FOUND", "Resource not found");
            case 423 -> of("LOCKED", "The request could not be completed because another write to these records "
                    + "is in progress. Retry after 2 seconds.");
            case 429 -> rateLimited(TEN_SECONDLY);
            case 502, 504 -> of("TIMEOUT", "The request timed out while HubSpot was processing it.");
            case 503 -> of("SERVICE_UNAVAILABLE", "HubSpot is temporarily unavailable. Please try again shortly.");
            default -> of("INTERNAL_ERROR", "An internal error occurred.");
        };
    }

    /**
     * One failed input of a 207 answer. Its message lists the invalid properties the way HubSpot does,
     * as JSON inside the text.
     */
    static Map<String, Object> invalidInput(String id, List<InvalidProperty> invalid, long portalId,
                                            ObjectMapper mapper) {
        List<Map<String, Object>> details = invalid.stream().map(property -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("isValid", false);
            detail.put("message", property.message());
            detail.put("error", property.code());
            detail.put("name", property.name());
            detail.put("localizedErrorMessage", property.message());
            detail.put("portalId", portalId);
            return detail;
        }).toList();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", "error");
        error.put("category", "VALIDATION_ERROR");
        error.put("message", "Property values were not valid: " + json(details, mapper));
        error.put("context", Map.of("ids", List.of(id)));
        error.put("errors", invalid.stream().map(property -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("message", property.message());
            detail.put("code", property.code());
            detail.put("in", property.name());
            return detail;
        }).toList());
        return error;
    }

    private static String json(Object value, ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
