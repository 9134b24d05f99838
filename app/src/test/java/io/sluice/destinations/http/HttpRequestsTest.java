package io.sluice.destinations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.EventIdentifiers;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RateLimit;
import io.sluice.destinations.RecordOutcome;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncFileProblem;

/** What a batch turns into on the wire: URLs, headers and bodies, rendered from the sync file. */
class HttpRequestsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpConnections connections = HttpConnections.of(HttpSettingsReaderTest.PROPERTIES);
    private final HttpDestination destination = new HttpDestination(connections, HttpSettingsReaderTest.PROPERTIES,
            json);
    private final HttpRequests requests = new HttpRequests(destination, connections, json);

    @TempDir
    Path dir;

    @Test
    void valuesBecomeJsonValuesOutsideQuotesAndEscapedTextInside() throws IOException {
        SyncDefinition sync = sync("""
                  body: >-
                    {"id": {{id}}, "name": {{name}}, "greeting": "Dear {{name}}, your plan: {{plan}}",
                    "spend": {{spend}}, "tags": {{tags}}}
                """, "{{config:crm}}/people/{{id}}");
        Map<String, Object> payload = payload("id", 7L, "name", "Zoë \"Z\" O'Neil\n", "plan", null,
                "spend", new BigDecimal("1234.50"), "tags", List.of("a", "b"));

        HttpCall.Request request = single(requests, sync, new OutboundRecord("7", payload, "h", null));

        assertThat(request.body()).isEqualTo("""
                {"id": 7, "name": "Zoë \\"Z\\" O'Neil\\n", "greeting": "Dear Zoë \\"Z\\" O'Neil\\n, your plan: ", \
                "spend": 1234.50, "tags": ["a","b"]}""");
        assertThat(json.readTree(request.body()).path("name").asText()).isEqualTo("Zoë \"Z\" O'Neil\n");
    }

    @Test
    void withoutABodyTemplateTheRecordsPayloadIsSentAsAJsonObject() throws IOException {
        Map<String, Object> payload = payload("id", 7L, "name", "Ada", "plan", null, "spend", 1.5, "tags", null);

        HttpCall.Request request = single(requests, sync("", "{{config:crm}}/people/{{id}}"),
                new OutboundRecord("7", payload, "h", null));

        assertThat(request.method()).isEqualTo("PUT");
        assertThat(json.readTree(request.body()))
                .isEqualTo(json.readTree("{\"id\":7,\"name\":\"Ada\",\"plan\":null,\"spend\":1.5,\"tags\":null}"));
        assertThat(request.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("Authorization", "Bearer s3cret-value");
        assertThat(request.toString()).doesNotContain("s3cret-value");
    }

    @Test
    void aSyncNamingAConnectionTakesItsEndpointsAndSecrets() throws IOException {
        HttpProperties properties = new HttpProperties(HttpSettingsReaderTest.PROPERTIES.endpoints(),
                HttpSettingsReaderTest.PROPERTIES.secrets(), Duration.ofSeconds(5), Duration.ofSeconds(30), 100,
                new RateLimit(10, Duration.ofSeconds(1)), Duration.ofSeconds(1), Map.of("eu", new HttpProperties.Connection(
                        Map.of("crm", URI.create("https://eu.crm.example.test/api/")), Map.of("crm_token", "eu-s3cret"))));
        HttpConnections both = HttpConnections.of(properties);
        HttpDestination http = new HttpDestination(both, properties, json);
        Path file = Files.writeString(dir.resolve("eu_people.yaml"), """
                connection: eu
                model:
                  query: SELECT id, name FROM people
                destination: http
                mapping:
                  id: id
                  name: name
                schedule: manual
                sync_mode: full
                http:
                  url: "{{config:crm}}/people/{{id}}"
                  headers:
                    Authorization: "Bearer {{secret:crm_token}}"
                """);
        SyncDefinition eu = new SyncFileLoader(List.of(http)).load(file).definition().orElseThrow();

        HttpCall.Request request = single(new HttpRequests(http, both, json), eu,
                new OutboundRecord("7", payload("id", 7L, "name", "Ada"), "h", null));

        assertThat(request.url()).isEqualTo("https://eu.crm.example.test/api/people/7");
        assertThat(request.headers()).containsEntry("Authorization", "Bearer eu-s3cret");
        assertThat(both.toString()).doesNotContain("eu-s3cret", "s3cret-value");
        assertThat(new SyncFileLoader(List.of(http)).load(Files.writeString(file, Files.readString(file)
                .replace("crm_token", "erp_token"))).problems()).extracting(SyncFileProblem::message)
                .containsExactly("refers to secret 'erp_token', which is not configured "
                        + "(set sluice.http.connections.eu.secrets.erp_token)");
    }

    @Test
    void urlValuesArePercentEncodedSoTheyStayOneSegment() throws IOException {
        Map<String, Object> payload = payload("id", "a/b c?d&é", "name", "x", "plan", "p", "spend", 1, "tags", null);

        HttpCall.Request request = single(requests, sync(""), new OutboundRecord("a/b c?d&é", payload, "h", null));

        assertThat(request.url()).isEqualTo("https://crm.example.test/api/people/a%2Fb%20c%3Fd%26%C3%A9?plan=p");
    }

    @Test
    void aRecordWhoseUrlValueIsEmptyIsRefusedWithoutACall() throws IOException {
        Map<String, Object> payload = payload("id", "9", "name", "x", "plan", null, "spend", 1, "tags", null);

        List<HttpCall> calls = calls(requests, sync(""), new OutboundRecord("9", payload, "h", null));

        assertThat(calls).singleElement().isEqualTo(new HttpCall.Refused(RecordOutcome.rejected("MISSING_URL_VALUE",
                "{{plan}} is empty for this record, and the URL needs it")));
    }

    @Test
    void aRecordWithADestinationIdIsUpdatedAndOneWithoutIsCreated() throws IOException {
        SyncDefinition sync = sync("""
                  create: {url: "{{config:crm}}/people", method: POST}
                  response_id: id
                """, "{{config:crm}}/people/{{destination_id}}");
        Map<String, Object> payload = payload("id", "x", "name", "x", "plan", "p", "spend", 1, "tags", null);

        List<HttpCall> calls = calls(requests, sync, new OutboundRecord("known", payload, "h", "p-42"),
                new OutboundRecord("new", payload, "h", null));

        assertThat(calls).map(HttpCall.Request.class::cast)
                .extracting(HttpCall.Request::method, HttpCall.Request::url, HttpCall.Request::creates)
                .containsExactly(tuple("PUT", "https://crm.example.test/api/people/p-42", false),
                        tuple("POST", "https://crm.example.test/api/people", true));
    }

    @Test
    void anEventCarriesItsIdempotencyIdentifierWhereItsTemplatesNameIt() throws IOException {
        SyncDefinition sync = loader().load(eventFile("append", "")).definition().orElseThrow();

        HttpCall.Request ada = single(requests, sync, new OutboundRecord("ada/2026-12-01",
                payload("usage_id", "ada/2026-12-01", "calls", 120L), "h", null));
        HttpCall.Request again = single(requests, sync, new OutboundRecord("ada/2026-12-01",
                payload("usage_id", "ada/2026-12-01", "calls", 999L), "h2", null));
        HttpCall.Request alan = single(requests, sync, new OutboundRecord("alan/2026-12-01",
                payload("usage_id", "alan/2026-12-01", "calls", 5L), "h", null));

        String identifier = EventIdentifiers.of("usage_events", "ada/2026-12-01");
        assertThat(ada.headers()).containsEntry("Idempotency-Key", identifier);
        assertThat(json.readTree(ada.body()).path("messageId").asText()).isEqualTo(identifier);
        assertThat(again.headers()).as("sent again, the same event").containsEntry("Idempotency-Key", identifier);
        assertThat(alan.headers().get("Idempotency-Key")).matches("sluice-[0-9a-f]{64}").isNotEqualTo(identifier);
    }

    @Test
    void anEventIdentifierOutsideAppendOrABatchOfEventsIsRefusedAtLoad() throws IOException {
        assertThat(eventLoadProblems("full", "")).extracting(SyncFileProblem::field)
                .containsExactlyInAnyOrder("http.headers.Idempotency-Key", "http.body");
        assertThat(eventLoadProblems("full", "")).allSatisfy(problem ->
                assertThat(problem.message()).contains("{{event_id}} cannot be used here"));
        assertThat(eventLoadProblems("append", "  batch_size: 10\n")).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("http.batch_size");
            assertThat(problem.message()).contains("one call per event");
        });
    }

    private List<SyncFileProblem> eventLoadProblems(String mode, String moreSettings)
            throws IOException {
        return loader().load(eventFile(mode, moreSettings)).problems();
    }

    private SyncFileLoader loader() {
        return new SyncFileLoader(List.of(destination));
    }

    private Path eventFile(String mode, String moreSettings) throws IOException {
        return Files.writeString(dir.resolve("usage_events.yaml"), """
                model:
                  query: SELECT usage_id, calls FROM usage
                destination: http
                mapping:
                  usage_id: usage_id
                  calls: calls
                schedule: manual
                sync_mode: %s
                http:
                  url: "{{config:crm}}/track"
                  headers:
                    Idempotency-Key: "{{event_id}}"
                  body: '{"messageId": "{{event_id}}", "event": "API Calls", "properties": {"calls": {{calls}}}}'
                """.formatted(mode) + moreSettings);
    }

    private static Map<String, Object> payload(Object... fieldsAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            payload.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return payload;
    }

    private static HttpCall.Request single(HttpRequests requests, SyncDefinition sync, OutboundRecord record) {
        return (HttpCall.Request) calls(requests, sync, record).get(0);
    }

    private static List<HttpCall> calls(HttpRequests requests, SyncDefinition sync, OutboundRecord... records) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(DeliveryBatch.PROPERTY,
                new DeliveryBatch(sync, DeliveryBatch.Operation.UPSERT, List.of(records)));
        return requests.upserts(exchange);
    }

    private SyncDefinition sync(String moreSettings) throws IOException {
        return sync(moreSettings, "{{config:crm}}/people/{{id}}?plan={{plan}}");
    }

    private SyncDefinition sync(String moreSettings, String url) throws IOException {
        Path file = dir.resolve("people.yaml");
        Files.writeString(file, """
                model:
                  name: people
                  query: SELECT id, name, plan, spend, tags FROM people
                destination: http
                mapping:
                  id: id
                  name: name
                  plan: plan
                  spend: spend
                  tags: tags
                schedule: manual
                sync_mode: full
                http:
                  url: "%s"
                  method: PUT
                  headers:
                    Authorization: "Bearer {{secret:crm_token}}"
                """.formatted(url) + moreSettings);
        return new SyncFileLoader(List.of(destination)).load(file).definition().orElseThrow();
    }
}
