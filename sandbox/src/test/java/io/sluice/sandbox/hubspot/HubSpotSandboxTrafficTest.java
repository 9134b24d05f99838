package io.sluice.sandbox.hubspot;

import static io.sluice.sandbox.hubspot.SandboxClient.contact;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.sandbox.hubspot.SandboxClient.Reply;
import io.sluice.sandbox.MutableClock;

class HubSpotSandboxTrafficTest {

    private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HubSpotSandbox sandbox = HubSpotSandbox.start(0, "pat-na1-test-token", clock);
    private final SandboxClient http = new SandboxClient(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aMissingOrWrongTokenIsRefusedInHubSpotsShape() {
        String body = http.json(Map.of("inputs", List.of(contact("a@example.com"))));

        Reply missing = http.send("POST", UPSERT, null, body);
        Reply wrong = http.send("POST", UPSERT, "Bearer pat-na1-someone-else", body);
        Reply notBearer = http.send("POST", UPSERT, "pat-na1-test-token", body);

        for (Reply refused : List.of(missing, wrong, notBearer)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body().get("status").asText()).isEqualTo("error");
            assertThat(refused.body().get("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
            assertThat(refused.body().get("correlationId").asText()).isNotBlank();
        }
        assertThat(sandbox.objects("contacts")).isEmpty();
        assertThat(http.upsert("contacts", List.of(contact("a@example.com"))).header("X-HubSpot-RateLimit-Remaining"))
                .as("refused requests do not count").isEqualTo("99");
    }

    @Test
    void everyAnswerReportsTheLimits() {
        Reply first = http.upsert("contacts", List.of(contact("a@example.com")));
        Reply second = http.upsert("contacts", List.of(contact("b@example.com")));

        assertThat(first.header("X-HubSpot-RateLimit-Max")).isEqualTo("100");
        assertThat(first.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
        assertThat(first.header("X-HubSpot-RateLimit-Daily")).isEqualTo("250000");
        assertThat(first.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("99");
        assertThat(second.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("98");
        assertThat(second.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("249998");
    }

    @Test
    void theRollingBurstLimitAnswers429UntilTheWindowMovesOn() {
        sandbox.setBurstLimit(2, Duration.ofSeconds(10));
        http.upsert("contacts", List.of(contact("a@example.com")));
        clock.advance(Duration.ofSeconds(4));
        http.upsert("contacts", List.of(contact("b@example.com")));

        Reply limited = http.upsert("contacts", List.of(contact("c@example.com")));
        clock.advance(Duration.ofSeconds(6));
        Reply afterFirstLeft = http.upsert("contacts", List.of(contact("c@example.com")));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("status").asText()).isEqualTo("error");
        assertThat(limited.body().get("message").asText()).isEqualTo("You have reached your ten_secondly_rolling limit.");
        assertThat(limited.body().get("errorType").asText()).isEqualTo("RATE_LIMIT");
        assertThat(limited.body().get("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(limited.body().get("correlationId").asText()).isNotBlank();
        assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
        assertThat(limited.header("Retry-After")).as("HubSpot documents none").isNull();
        assertThat(afterFirstLeft.status()).isEqualTo(200);
        assertThat(sandbox.objects("contacts")).hasSize(3);
    }

    @Test
    void theDailyLimitAnswers429UntilTheNextDay() {
        sandbox.setDailyLimit(1);
        http.upsert("contacts", List.of(contact("a@example.com")));

        Reply spent = http.upsert("contacts", List.of(contact("b@example.com")));
        clock.advance(Duration.ofHours(14));
        Reply nextDay = http.upsert("contacts", List.of(contact("b@example.com")));

        assertThat(spent.status()).isEqualTo(429);
        assertThat(spent.body().get("policyName").asText()).isEqualTo("DAILY");
        assertThat(spent.body().get("message").asText()).isEqualTo("You have reached your daily limit.");
        assertThat(spent.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("0");
        assertThat(nextDay.status()).isEqualTo(200);
    }

    @Test
    void injectedFaultsAnswerTheNextRequestsWithoutTouchingRecords() {
        sandbox.failNextRequests(2, 503);

        Reply firstOutage = http.upsert("contacts", List.of(contact("a@example.com")));
        Reply secondOutage = http.upsert("contacts", List.of(contact("a@example.com")));
        Reply recovered = http.upsert("contacts", List.of(contact("a@example.com")));

        for (Reply outage : List.of(firstOutage, secondOutage)) {
            assertThat(outage.status()).isEqualTo(503);
            assertThat(outage.body().get("status").asText()).isEqualTo("error");
            assertThat(outage.body().get("category").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        }
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(sandbox.objects("contacts")).hasSize(1);
    }

    @Test
    void anInjected429CarriesTheRateLimitHeaders() {
        sandbox.setBurstLimit(100, Duration.ofMillis(250));
        sandbox.failNextRequests(1, 429);

        Reply limited = http.upsert("contacts", List.of(contact("a@example.com")));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(limited.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("250");
        assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void everyRequestIsRecordedAsItArrived() {
        http.upsert("contacts", List.of(contact("a@example.com", "firstname", "Ada"), contact("b@example.com")));
        http.send("POST", UPSERT, "Bearer wrong", "{\"inputs\":[]}");
        http.archive("contacts", List.of("51"));

        List<RecordedRequest> requests = sandbox.requests();

        assertThat(requests).extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::authorization,
                RecordedRequest::inputs, RecordedRequest::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", UPSERT, "Bearer pat-na1-test-token", 2, 200),
                org.assertj.core.groups.Tuple.tuple("POST", UPSERT, "Bearer wrong", 0, 401),
                org.assertj.core.groups.Tuple.tuple("POST", "/crm/v3/objects/contacts/batch/archive",
                        "Bearer pat-na1-test-token", 1, 204));
        assertThat(requests.get(0).body()).contains("\"idProperty\":\"email\"", "\"firstname\":\"Ada\"");
        assertThat(requests.get(0).receivedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void resetStartsAFreshAccount() {
        sandbox.defineProperties("contacts", HubSpotSandbox.Property.text("favourite_colour"));
        http.upsert("contacts", List.of(contact("a@example.com", "favourite_colour", "teal")));
        sandbox.setBurstLimit(0, Duration.ofSeconds(1));
        sandbox.failNextRequests(3, 500);

        sandbox.reset();

        assertThat(sandbox.objects("contacts")).isEmpty();
        assertThat(sandbox.requests()).isEmpty();
        Reply afterReset = http.upsert("contacts", List.of(contact("a@example.com", "favourite_colour", "teal")));
        assertThat(afterReset.status()).as("no fault, no limit, no custom property").isEqualTo(207);
        assertThat(afterReset.header("X-HubSpot-RateLimit-Max")).isEqualTo("100");
    }
}
