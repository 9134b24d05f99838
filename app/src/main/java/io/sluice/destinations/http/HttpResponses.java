package io.sluice.destinations.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.destinations.RecordOutcome;
import io.sluice.destinations.RetryAfter;

/**
 * Reads what the API answered: a success status accepts the call's records; 429 asks Sluice to wait
 * (as long as Retry-After or X-RateLimit-Reset say); no answer, 408 and 5xx may pass and are retried;
 * any other refusal rejects the one record of a per-record call, or fails the whole batch. The
 * response body goes into the message, so a dead letter shows what the API said.
 */
@Component
class HttpResponses {

    /** Long enough for any API's error list, short enough for a dead letter and a log line. */
    static final int MAX_BODY_IN_MESSAGE = 2_000;

    private final HttpDestination destination;
    private final HttpProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    HttpResponses(HttpDestination destination, HttpProperties properties, ObjectMapper json) {
        this(destination, properties, json, Clock.systemUTC());
    }

    HttpResponses(HttpDestination destination, HttpProperties properties, ObjectMapper json, Clock clock) {
        this.destination = destination;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Body in: the response to {@link HttpRoutes#REQUEST}. Body out: one outcome per record it carried. */
    void read(Exchange exchange) {
        HttpCall.Request request = exchange.getProperty(HttpRoutes.REQUEST, HttpCall.Request.class);
        HttpSettings settings = destination.settings(
                exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync());
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = Optional.ofNullable(exchange.getMessage().getBody(String.class)).orElse("");
        exchange.getMessage().setBody(outcomes(request, settings, status, body, exchange));
    }

    private List<RecordOutcome> outcomes(HttpCall.Request request, HttpSettings settings, int status, String body,
                                         Exchange exchange) {
        if (settings.isSuccess(status) || request.deletes() && (status == 404 || status == 410)) {
            // a record already gone is what a delete wanted
            String id = request.perRecord() ? destinationId(settings, body) : null;
            RecordOutcome accepted = RecordOutcome.accepted(id, request.creates() || status == 201);
            return Collections.nCopies(request.records(), accepted);
        }
        String message = "HTTP " + status + " from " + request.method() + " " + request.url() + ": " + excerpt(body);
        if (status == 429) {
            throw new RateLimitedException("HTTP_429", message, retryAfter(exchange));
        }
        DeliveryException failure = DeliveryException.forHttpStatus(status, null, message, null);
        if (failure.isTransient() || !request.perRecord()) {
            throw failure;
        }
        return List.of(RecordOutcome.rejected(failure.errorCode(), message));
    }

    /** The call never got an answer: refused connection, timeout, reset. Worth retrying. */
    void rethrowUnanswered(Exchange exchange) {
        HttpCall.Request request = exchange.getProperty(HttpRoutes.REQUEST, HttpCall.Request.class);
        IOException failure = ObjectHelper.getException(IOException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        String code = failure instanceof SocketTimeoutException ? "HTTP_TIMEOUT"
                : failure instanceof ConnectException ? "CONNECTION_FAILED" : "NO_RESPONSE";
        throw DeliveryException.forHttpStatus(0, code, "No answer from " + request.method() + " " + request.url()
                + ": " + failure, failure);
    }

    private String destinationId(HttpSettings settings, String body) {
        if (settings.responseId().isEmpty() || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            for (String step : settings.responseId().get().split("\\.")) {
                node = node.path(step);
            }
            return node.isValueNode() && !node.isNull() ? node.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * Retry-After (seconds or an HTTP date) as asked; else until X-RateLimit-Reset (epoch seconds, as Intercom
     * and GitHub send it); else the configured wait.
     */
    private Duration retryAfter(Exchange exchange) {
        Instant now = clock.instant();
        Optional<Duration> asked = RetryAfter.parse(exchange.getMessage().getHeader("Retry-After", String.class), now);
        if (asked.isPresent()) {
            return asked.get();
        }
        String reset = exchange.getMessage().getHeader("X-RateLimit-Reset", String.class);
        if (reset != null) {
            try {
                return nonNegative(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.strip()))));
            } catch (NumberFormatException | DateTimeException notEpochSeconds) {
                // fall through to the configured wait
            }
        }
        return properties.retryAfter();
    }

    private static Duration nonNegative(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static String excerpt(String body) {
        String text = body.strip();
        return text.length() <= MAX_BODY_IN_MESSAGE ? text
                : text.substring(0, MAX_BODY_IN_MESSAGE) + "… (" + text.length() + " characters)";
    }
}
