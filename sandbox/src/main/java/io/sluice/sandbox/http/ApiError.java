package io.sluice.sandbox.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A refused request, answered as Intercom answers every error: HTTP {@code status} and
 * {@code {"type":"error.list","request_id":...,"errors":[{"code","message"}]}}.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    static ApiError conflict(String existingId) {
        return new ApiError(409, "conflict", "A contact matching those details already exists with id=" + existingId);
    }

    /** The error an injected fault answers with, in the words Intercom uses for that status. */
    static ApiError forStatus(int status) {
        return switch (status) {
            case 401 -> unauthorized();
            case 404 -> notFound("Resource Not Found");
            case 429 -> new ApiError(429, "rate_limit_exceeded", "Rate limit exceeded");
            case 500 -> new ApiError(500, "server_error", "Server Error");
            case 502 -> new ApiError(502, "server_error", "Bad Gateway");
            case 503 -> new ApiError(503, "service_unavailable", "Sorry, the API service is temporarily unavailable");
            case 504 -> new ApiError(504, "server_error", "Gateway Timeout");
            default -> new ApiError(status, "client_error", "Request refused");
        };
    }

    static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "Access Token Invalid");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "error.list");
        body.put("request_id", UUID.randomUUID().toString());
        body.put("errors", List.of(Map.of("code", code, "message", getMessage())));
        return body;
    }
}
