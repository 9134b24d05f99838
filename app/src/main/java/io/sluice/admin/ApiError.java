package io.sluice.admin;

import java.time.Instant;

import org.springframework.http.HttpStatus;

/** The JSON body of every admin API error, whether the controllers or the security filters answer. */
public record ApiError(int status, String error, String message, Instant timestamp) {

    public static ApiError of(HttpStatus status, String message) {
        return new ApiError(status.value(), status.getReasonPhrase(), message, Instant.now());
    }
}
