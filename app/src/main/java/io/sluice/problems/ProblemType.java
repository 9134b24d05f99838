package io.sluice.problems;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The classes of error Sluice's HTTP API answers with, each an RFC 9457 problem type: a client tells
 * them apart by {@code type}, which stays the same whatever the {@code detail} says. docs/admin-api.md
 * lists them.
 */
public enum ProblemType {

    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Admin token missing or not accepted"),
    OPERATOR_ROLE_REQUIRED("operator-role-required", HttpStatus.FORBIDDEN, "Operator token required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not open to any admin token"),
    INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Request body is not a JSON object"),
    UNKNOWN_FIELD("unknown-field", HttpStatus.BAD_REQUEST, "Unknown request field"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Nothing at this path"),
    UNKNOWN_SYNC("unknown-sync", HttpStatus.NOT_FOUND, "Unknown sync"),
    UNKNOWN_RUN("unknown-run", HttpStatus.NOT_FOUND, "Unknown run"),
    UNKNOWN_DEAD_LETTER("unknown-dead-letter", HttpStatus.NOT_FOUND, "Unknown dead letter"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    SYNC_RUNNING("sync-running", HttpStatus.CONFLICT, "Sync already running"),
    INVALID_SYNC("invalid-sync", HttpStatus.CONFLICT, "Sync file invalid"),
    SYNC_BLOCKED("sync-blocked", HttpStatus.CONFLICT, "Sync blocked by a guard"),
    RUN_NOT_BLOCKED("run-not-blocked", HttpStatus.CONFLICT, "Run not blocked"),
    DEAD_LETTER_NOT_OPEN("dead-letter-not-open", HttpStatus.CONFLICT, "Dead letter not open"),
    DEAD_LETTER_NOT_REPLAYABLE("dead-letter-not-replayable", HttpStatus.CONFLICT, "Dead letter cannot be replayed"),
    REQUEST_TOO_LARGE("request-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
    RUN_FAILED("run-failed", HttpStatus.UNPROCESSABLE_ENTITY, "Run failed"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    NOT_READY("not-ready", HttpStatus.SERVICE_UNAVAILABLE, "Sluice is not ready");

    /** Identifiers, not pages to fetch (RFC 9457 allows both); absolute so they mean the same wherever read. */
    private static final String BASE = "https://sluice.dev/problems/";

    // the types that a status alone names
    private static final List<ProblemType> GENERIC = List.of(UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED,
            NOT_ACCEPTABLE, REQUEST_TOO_LARGE, INTERNAL_ERROR);

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String name, HttpStatus status, String title) {
        this.uri = URI.create(BASE + name);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri);
        problem.setTitle(title);
        return problem;
    }

    public ProblemException exception(String detail) {
        return new ProblemException(this, detail);
    }

    /**
     * The type of an error known only by its status, one Spring MVC or the servlet container raised;
     * empty where the status alone does not tell the class (a 400 may be a bad parameter or a URL the
     * firewall refused), and the problem keeps RFC 9457's {@code about:blank}.
     */
    public static Optional<ProblemType> generic(HttpStatusCode status) {
        return GENERIC.stream().filter(type -> type.status.value() == status.value()).findFirst();
    }
}
