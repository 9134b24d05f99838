package io.sluice.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Salesforce error. Salesforce spells the same error two ways: whole-request errors carry
 * {@code errorCode}, while the per-record results of sObject Collections carry {@code statusCode}.
 */
record SalesforceError(String code, String message, List<String> fields) {

    static final String ROLLED_BACK_MESSAGE =
            "Record rolled back because not all records were valid and the request was using AllOrNone header";

    SalesforceError {
        fields = List.copyOf(fields);
    }

    static SalesforceError of(String code, String message, String... fields) {
        return new SalesforceError(code, message, List.of(fields));
    }

    static SalesforceError notFound() {
        return of("NOT_FOUND", "The requested resource does not exist");
    }

    static SalesforceError invalidSession() {
        return of("INVALID_SESSION_ID", "Session expired or invalid");
    }

    static SalesforceError requestLimitExceeded() {
        return of("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }

    static SalesforceError rolledBack() {
        return of("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK_MESSAGE);
    }

    Map<String, Object> asRequestError() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", message);
        json.put("errorCode", code);
        if (!fields.isEmpty()) {
            json.put("fields", fields);
        }
        return json;
    }

    Map<String, Object> asRecordError() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", code);
        json.put("message", message);
        json.put("fields", fields);
        return json;
    }
}
