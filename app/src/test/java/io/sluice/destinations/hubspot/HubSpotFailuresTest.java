package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.quotas.InMemoryQuotaStore;

class HubSpotFailuresTest {

    private final DailyBudget budget = new DailyBudget("sluice.hubspot", "hubspot", 1000, ZoneOffset.UTC,
            new InMemoryQuotaStore(), Clock.systemUTC());
    private final HubSpotFailures failures = new HubSpotFailures(budget, Duration.ofSeconds(10), new ObjectMapper());

    @Test
    void aBadTokenAndInvalidInputAreRefusedForGood() {
        DeliveryException unauthorized = failures.classify(401, """
                {"status":"error","message":"Authentication credentials not found.","correlationId":"c-1",
                 "category":"INVALID_AUTHENTICATION"}""", Map.<String, String>of()::get);
        DeliveryException invalid = failures.classify(400,
                "{\"status\":\"error\",\"message\":\"Duplicate IDs\",\"category\":\"VALIDATION_ERROR\"}",
                Map.<String, String>of()::get);

        assertThat(unauthorized.isTransient()).isFalse();
        assertThat(unauthorized.errorCode()).isEqualTo("INVALID_AUTHENTICATION");
        assertThat(unauthorized.getMessage()).isEqualTo("HubSpot answered HTTP 401: {\"status\":\"error\",\"message\":"
                + "\"Authentication credentials not found.\",\"correlationId\":\"c-1\",\n"
                + " \"category\":\"INVALID_AUTHENTICATION\"}");
        assertThat(invalid.isTransient()).isFalse();
        assertThat(invalid.errorCode()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void outagesArePassing() {
        DeliveryException unavailable = failures.classify(503,
                "{\"status\":\"error\",\"message\":\"down\",\"category\":\"SERVICE_UNAVAILABLE\"}",
                Map.<String, String>of()::get);
        DeliveryException gateway = failures.classify(502, "<html>Bad gateway</html>", Map.<String, String>of()::get);

        assertThat(unavailable.isTransient()).isTrue();
        assertThat(unavailable.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(gateway.isTransient()).isTrue();
        assertThat(gateway.errorCode()).isEqualTo("HTTP_502");
        assertThat(gateway.getMessage()).contains("<html>Bad gateway</html>");
    }

    @Test
    void theBurstLimitWaitsForTheNextWindow() {
        String body = """
                {"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT",
                 "correlationId":"c-2","policyName":"TEN_SECONDLY_ROLLING"}""";

        DeliveryException told = failures.classify(429, body,
                Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "250")::get);
        DeliveryException untold = failures.classify(429, body, Map.<String, String>of()::get);

        assertThat(told).isInstanceOfSatisfying(RateLimitedException.class, limited -> {
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofMillis(250));
            assertThat(limited.errorCode()).isEqualTo("TEN_SECONDLY_ROLLING");
        });
        assertThat(untold).isInstanceOfSatisfying(RateLimitedException.class,
                limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void theDailyLimitEndsTheDaysCalls() {
        DeliveryException daily = failures.classify(429, """
                {"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT",
                 "policyName":"DAILY"}""", Map.<String, String>of()::get);

        assertThat(daily).isNotInstanceOf(RateLimitedException.class);
        assertThat(daily.isTransient()).isTrue();
        assertThat(daily.errorCode()).isEqualTo("DAILY");
        assertThatThrownBy(budget::take).isInstanceOfSatisfying(DeliveryException.class,
                spent -> assertThat(spent.errorCode()).isEqualTo(DailyBudget.SPENT));
    }

    @Test
    void noAnswerAtAllIsPassing() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new ConnectException("Connection refused"));

        assertThatThrownBy(() -> failures.rethrowUnanswered(exchange)).isInstanceOfSatisfying(DeliveryException.class,
                failure -> {
                    assertThat(failure.isTransient()).isTrue();
                    assertThat(failure.errorCode()).isEqualTo("NO_RESPONSE");
                    assertThat(failure.getMessage()).contains("Connection refused");
                });
    }

    @Test
    void aLockedRecordIsTriedAgainAfterTheLock() {
        DeliveryException locked = failures.classify(423, "{\"status\":\"error\",\"category\":\"LOCKED\"}",
                Map.<String, String>of()::get);

        assertThat(locked).isInstanceOfSatisfying(RateLimitedException.class,
                limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
    }
}
