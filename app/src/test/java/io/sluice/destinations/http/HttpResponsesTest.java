package io.sluice.destinations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.destinations.RecordOutcome;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;

/** How each answer of an API becomes outcomes, a wait, or a failure of the whole call. */
class HttpResponsesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00.250Z");

    private final HttpDestination destination = new HttpDestination(
            HttpConnections.of(HttpSettingsReaderTest.PROPERTIES), HttpSettingsReaderTest.PROPERTIES, new ObjectMapper());
    private final HttpResponses responses = new HttpResponses(destination, HttpSettingsReaderTest.PROPERTIES,
            new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path dir;

    @Test
    void aSuccessAcceptsTheRecordWithTheIdFoundInTheResponse() throws IOException {
        List<RecordOutcome> outcomes = read(perRecord(false, false), 200, "{\"data\": {\"id\": \"c-42\"}}", Map.of());
        List<RecordOutcome> created = read(perRecord(false, false), 201, "{\"data\": {\"id\": 43}}", Map.of());

        assertThat(outcomes).containsExactly(RecordOutcome.accepted("c-42", false));
        assertThat(created).containsExactly(RecordOutcome.accepted("43", true));
    }

    @Test
    void theCreateCallCountsAsCreatedWhateverItsStatus() throws IOException {
        assertThat(read(perRecord(true, false), 200, "{\"data\": {\"id\": \"c-1\"}}", Map.of()))
                .containsExactly(RecordOutcome.accepted("c-1", true));
    }

    @Test
    void aRefusalOfOneRecordsCallRejectsThatRecordKeepingTheResponseBody() throws IOException {
        List<RecordOutcome> outcomes = read(perRecord(true, false), 409,
                "{\"type\":\"error.list\",\"errors\":[{\"code\":\"conflict\",\"message\":\"exists\"}]}", Map.of());

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.success()).isFalse();
            assertThat(outcome.errorCode()).isEqualTo("HTTP_409");
            assertThat(outcome.errorMessage()).isEqualTo("HTTP 409 from POST https://crm.example.test/api/people: "
                    + "{\"type\":\"error.list\",\"errors\":[{\"code\":\"conflict\",\"message\":\"exists\"}]}");
        });
    }

    @Test
    void aRefusalOfABatchCallFailsTheWholeBatchForGood() throws IOException {
        HttpCall.Request batch = new HttpCall.Request("POST", "https://crm.example.test/api/bulk", Map.of(), "[]", 3,
                false, false, false);

        assertThatThrownBy(() -> read(batch, 422, "{\"error\":\"bad row 2\"}", Map.of()))
                .isInstanceOfSatisfying(DeliveryException.class, failure -> {
                    assertThat(failure.isTransient()).isFalse();
                    assertThat(failure.errorCode()).isEqualTo("HTTP_422");
                    assertThat(failure.getMessage()).endsWith("{\"error\":\"bad row 2\"}");
                });
        assertThat(read(batch, 204, "", Map.of())).hasSize(3).containsOnly(RecordOutcome.accepted(null, false));
    }

    @Test
    void serverErrorsAndRequestTimeoutsMayPassAndAreRetried() {
        for (int status : new int[]{408, 500, 502, 503}) {
            assertThatThrownBy(() -> read(perRecord(false, false), status, "down", Map.of()))
                    .isInstanceOfSatisfying(DeliveryException.class, failure -> {
                        assertThat(failure.isTransient()).isTrue();
                        assertThat(failure.errorCode()).isEqualTo("HTTP_" + status);
                    });
        }
    }

    @Test
    void a429WaitsAsRetryAfterOrTheRateLimitResetSays() {
        assertThat(waitFor(Map.of("Retry-After", "7"))).isEqualTo(Duration.ofSeconds(7));
        assertThat(waitFor(Map.of("Retry-After", "Fri, 20 Nov 2026 10:00:30 GMT"))).isEqualTo(Duration.ofMillis(29_750));
        assertThat(waitFor(Map.of("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 10))))
                .isEqualTo(Duration.ofMillis(9_750));
        assertThat(waitFor(Map.of("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() - 10))))
                .isEqualTo(Duration.ZERO);
        assertThat(waitFor(Map.of("Retry-After", "soon"))).isEqualTo(HttpSettingsReaderTest.PROPERTIES.retryAfter());
        assertThat(waitFor(Map.of())).isEqualTo(HttpSettingsReaderTest.PROPERTIES.retryAfter());
    }

    @Test
    void aDeleteOfARecordAlreadyGoneIsDone() throws IOException {
        HttpCall.Request delete = new HttpCall.Request("DELETE", "https://crm.example.test/api/people/9", Map.of(),
                null, 1, true, false, true);

        assertThat(read(delete, 404, "{\"error\":\"not found\"}", Map.of()))
                .containsExactly(RecordOutcome.accepted(null, false));
        assertThat(read(delete, 410, "", Map.of())).containsExactly(RecordOutcome.accepted(null, false));
    }

    @Test
    void statusesOutsideTheListedSuccessesAreRefusals() throws IOException {
        SyncDefinition strict = sync("""
                  success_statuses: [201]
                """);

        List<RecordOutcome> outcomes = read(strict, perRecord(false, false), 200, "{}", Map.of());

        assertThat(outcomes).singleElement().extracting(RecordOutcome::errorCode).isEqualTo("HTTP_200");
    }

    @Test
    void aLongResponseBodyIsCutInTheMessage() throws IOException {
        String body = "x".repeat(5_000);

        RecordOutcome outcome = read(perRecord(false, false), 400, body, Map.of()).get(0);

        assertThat(outcome.errorMessage()).hasSizeLessThan(HttpResponses.MAX_BODY_IN_MESSAGE + 200)
                .endsWith("… (5000 characters)");
    }

    private Duration waitFor(Map<String, String> headers) {
        try {
            read(perRecord(false, false), 429, "{\"errors\":[{\"code\":\"rate_limit_exceeded\"}]}", headers);
        } catch (RateLimitedException throttled) {
            assertThat(throttled.errorCode()).isEqualTo("HTTP_429");
            assertThat(throttled.getMessage()).contains("rate_limit_exceeded");
            return throttled.retryAfter();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("a 429 must ask Sluice to wait");
    }

    private static HttpCall.Request perRecord(boolean creates, boolean deletes) {
        return new HttpCall.Request(creates ? "POST" : "PUT", "https://crm.example.test/api/people", Map.of(), "{}", 1,
                true, creates, deletes);
    }

    private List<RecordOutcome> read(HttpCall.Request request, int status, String body, Map<String, String> headers)
            throws IOException {
        return read(sync(""), request, status, body, headers);
    }

    @SuppressWarnings("unchecked")
    private List<RecordOutcome> read(SyncDefinition sync, HttpCall.Request request, int status, String body,
                                     Map<String, String> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(DeliveryBatch.PROPERTY, new DeliveryBatch(sync, DeliveryBatch.Operation.UPSERT, List.of()));
        exchange.setProperty(HttpRoutes.REQUEST, request);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(body);
        responses.read(exchange);
        return exchange.getMessage().getBody(List.class);
    }

    private SyncDefinition sync(String extraSettings) throws IOException {
        Path file = dir.resolve("people.yaml");
        Files.writeString(file, """
                model:
                  name: people
                  query: SELECT id, email FROM people
                destination: http
                mapping:
                  id: id
                  email: email
                schedule: manual
                sync_mode: full
                http:
                  url: "{{config:crm}}/people"
                  response_id: data.id
                """ + extraSettings);
        return new SyncFileLoader(List.of(destination)).load(file).definition().orElseThrow();
    }
}
