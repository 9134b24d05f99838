package io.sluice.admin;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.sluice.deadletter.DeadLetterNotOpenException;
import io.sluice.deadletter.DeadLetterNotReplayableException;
import io.sluice.problems.ProblemType;
import io.sluice.runs.RunFailedException;
import io.sluice.runs.RunNotBlockedException;
import io.sluice.runs.SyncAlreadyRunningException;
import io.sluice.runs.SyncBlockedException;
import io.sluice.runs.UnknownRunException;
import io.sluice.sync.InvalidSyncException;
import io.sluice.sync.UnknownSyncException;

/**
 * Every error a controller or Spring MVC raises is an RFC 9457 problem ({@code application/problem+json})
 * with a message a person can act on, never a stack trace. Spring MVC's own (an unknown path, a wrong
 * method, a parameter of the wrong type) get the type of their status; the domain's refusals each have
 * their own.
 */
@RestControllerAdvice
class AdminErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminErrors.class);
    private static final URI UNTYPED = URI.create("about:blank");

    private static final Map<Class<? extends Exception>, ProblemType> REFUSALS = Map.of(
            UnknownSyncException.class, ProblemType.UNKNOWN_SYNC,
            UnknownRunException.class, ProblemType.UNKNOWN_RUN,
            SyncAlreadyRunningException.class, ProblemType.SYNC_RUNNING,
            InvalidSyncException.class, ProblemType.INVALID_SYNC,
            SyncBlockedException.class, ProblemType.SYNC_BLOCKED,
            RunNotBlockedException.class, ProblemType.RUN_NOT_BLOCKED,
            DeadLetterNotOpenException.class, ProblemType.DEAD_LETTER_NOT_OPEN,
            DeadLetterNotReplayableException.class, ProblemType.DEAD_LETTER_NOT_REPLAYABLE,
            RunFailedException.class, ProblemType.RUN_FAILED);

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> refusedOrFailed(Exception e, WebRequest request) {
        ProblemType refusal = REFUSALS.get(e.getClass());
        if (refusal != null) {
            return problem(e, refusal.problem(e.getMessage()), request);
        }
        LOG.error("Admin request failed", e);
        return problem(e, ProblemType.INTERNAL_ERROR.problem("internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())), request);
    }

    /** Names each parameter out of range, instead of Spring's "Invalid request content". */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = e.getFieldErrors().stream().map(AdminErrors::describe).collect(Collectors.joining("; "));
        return handleExceptionInternal(e, ProblemType.INVALID_PARAMETER.problem(detail), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        // Spring MVC leaves the body of most of its own errors for the superclass to take from the exception
        Object problem = body == null && e instanceof ErrorResponse spring
                ? spring.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale())
                : body;
        Object typed = problem instanceof ProblemDetail untyped && UNTYPED.equals(untyped.getType())
                ? typeOf(status).map(type -> (Object) type.problem(untyped.getDetail())).orElse(untyped)
                : problem;
        // Spring MVC's own may be read-only
        HttpHeaders answer = new HttpHeaders();
        answer.addAll(headers);
        // one content type whatever the client accepts: an error is never turned into a 406
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, typed, answer, status, request);
    }

    private ResponseEntity<Object> problem(Exception e, ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()),
                request);
    }

    /** Spring MVC refuses a request with 400 only over its parameters: the admin API binds no request body. */
    private static Optional<ProblemType> typeOf(HttpStatusCode status) {
        return status.value() == HttpStatus.BAD_REQUEST.value()
                ? Optional.of(ProblemType.INVALID_PARAMETER)
                : ProblemType.generic(status);
    }

    private static String describe(FieldError error) {
        return error.isBindingFailure()
                ? "'" + error.getRejectedValue() + "' is not a valid " + error.getField()
                : error.getField() + " " + error.getDefaultMessage();
    }
}
