package io.sluice.destinations.hubspot;

import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.apache.camel.Exchange;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;

/**
 * What a call HubSpot refused as a whole, or never answered, becomes: throttling slows the run down
 * and sends again; an outage is retried; a request HubSpot will refuse again (bad token, missing
 * scope, invalid input) becomes dead letters at once. One per account: a refusal spends only its own
 * account's budget.
 */
class HubSpotFailures {

    static final String INTERVAL_HEADER = "X-HubSpot-RateLimit-Interval-Milliseconds";
    static final String DAILY_POLICY = "DAILY";

    /** HubSpot's documented 423: "Locks will last for 2 seconds". */
    private static final Duration LOCK = Duration.ofSeconds(2);

    private final DailyBudget dailyBudget;
    private final Duration window;
    private final ObjectMapper json;

    /** @param window the account's burst window: the wait after a 429 that says none */
    HubSpotFailures(DailyBudget dailyBudget, Duration window, ObjectMapper json) {
        this.dailyBudget = dailyBudget;
        this.window = window;
        this.json = json;
    }

    void rethrowUnanswered(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw DeliveryException.forHttpStatus(0, "NO_RESPONSE", "HubSpot did not answer: " + cause, cause);
    }

    /** Lets a 2xx answer through; anything else is thrown, classified. */
    void rethrowRefused(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status < 200 || status > 299) {
            throw classify(status, exchange.getMessage().getBody(String.class),
                    header -> exchange.getMessage().getHeader(header, String.class));
        }
    }

    DeliveryException classify(int status, String body, UnaryOperator<String> headers) {
        JsonNode error = parse(body);
        String message = "HubSpot answered HTTP " + status + ": " + (body == null || body.isBlank() ? "(no body)" : body.strip());
        if (status == 429) {
            String policy = error.path("policyName").asText("");
            if (DAILY_POLICY.equals(policy)) {
                dailyBudget.exhaust();
                return new DeliveryException(true, policy, message + " No more calls until the day ends.", null);
            }
            return new RateLimitedException(policy.isEmpty() ? "RATE_LIMIT" : policy, message, nextWindow(headers));
        }
        if (status == 423) {
            return new RateLimitedException("LOCKED", message, LOCK);
        }
        if (status == 477) {
            // the account is moving between data centres, for up to a day: worth a replay, not a wait
            return new DeliveryException(true, "MIGRATION_IN_PROGRESS", message, null);
        }
        return DeliveryException.forHttpStatus(status, error.path("category").asText(null), message, null);
    }

    /**
     * HubSpot sends no Retry-After with a 429: its window is rolling, so after one whole interval the
     * calls that filled it have all left it.
     */
    private Duration nextWindow(UnaryOperator<String> headers) {
        try {
            String interval = headers.apply(INTERVAL_HEADER);
            return interval == null ? window : Duration.ofMillis(Long.parseLong(interval.trim()));
        } catch (NumberFormatException unreadable) {
            return window;
        }
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            // gateways answer 502 and 504 with HTML
            return MissingNode.getInstance();
        }
    }
}
