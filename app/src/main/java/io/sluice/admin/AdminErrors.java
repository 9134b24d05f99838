package io.sluice.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.ErrorResponse;

import io.sluice.deadletter.DeadLetterNotOpenException;
import io.sluice.deadletter.DeadLetterNotReplayableException;
import io.sluice.runs.RunFailedException;
import io.sluice.runs.RunNotBlockedException;
import io.sluice.runs.SyncAlreadyRunningException;
import io.sluice.runs.SyncBlockedException;
import io.sluice.runs.UnknownRunException;
import io.sluice.sync.InvalidSyncException;
import io.sluice.sync.UnknownSyncException;

/** Every admin error is JSON with a message a person can act on; never a stack trace. */
@RestControllerAdvice
class AdminErrors {

    private static final Logger LOG = LoggerFactory.getLogger(AdminErrors.class);

    @ExceptionHandler({UnknownSyncException.class, UnknownRunException.class, NotFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({SyncAlreadyRunningException.class, InvalidSyncException.class,
            DeadLetterNotOpenException.class, DeadLetterNotReplayableException.class, SyncBlockedException.class,
            RunNotBlockedException.class})
    ResponseEntity<ApiError> conflict(RuntimeException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({BadRequestException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> badRequest(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(RunFailedException.class)
    ResponseEntity<ApiError> runFailed(RunFailedException e) {
        return error(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (e instanceof ErrorResponse springMvcError) {
            HttpStatus status = HttpStatus.valueOf(springMvcError.getStatusCode().value());
            return error(status, springMvcError.getBody().getDetail());
        }
        LOG.error("Admin request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(ApiError.of(status, message));
    }
}
