package io.sluice.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.sluice.admin.ApiError;

/** 401 and 403 in the admin API's JSON error shape, so clients parse one format. */
final class SecurityErrors {

    private final ObjectMapper json;

    SecurityErrors(ObjectMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sluice\"");
            String reason = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "an admin token is required: send Authorization: Bearer <token>"
                    : failure.getMessage();
            write(response, HttpStatus.UNAUTHORIZED, reason);
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, denied) -> write(response, HttpStatus.FORBIDDEN,
                "this token may only read; " + request.getMethod() + " " + request.getRequestURI()
                        + " needs an operator token");
    }

    private void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(status, message));
    }
}
