package io.sluice.destinations.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.destinations.RateLimit;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncFileProblem;

/** A broken {@code http:} block is reported when the file loads, by field path and reason. */
class HttpSettingsReaderTest {

    static final HttpProperties PROPERTIES = new HttpProperties(
            Map.of("crm", URI.create("https://crm.example.test/api/")), Map.of("crm_token", "s3cret-value"),
            Duration.ofSeconds(5), Duration.ofSeconds(30), 100, new RateLimit(10, Duration.ofSeconds(1)),
            Duration.ofSeconds(1), Map.of());

    private final HttpDestination destination = new HttpDestination(HttpConnections.of(PROPERTIES), PROPERTIES,
            new ObjectMapper());
    private final SyncFileLoader loader = new SyncFileLoader(List.of(destination));

    @TempDir
    Path dir;

    @Test
    void theShippedIntercomSyncReadsAsWritten() {
        HttpDestination intercom = new HttpDestination(new HttpConnections(
                Map.of("intercom", URI.create("http://127.0.0.1:1")), Map.of("intercom_token", "t")),
                PROPERTIES, new ObjectMapper());

        LoadedSyncFile loaded = new SyncFileLoader(List.of(intercom)).load(Path.of("routes/intercom_contacts.yaml"));

        assertThat(loaded.problems()).isEmpty();
        HttpSettings settings = intercom.settings(loaded.definition().orElseThrow());
        assertThat(settings.perRecord()).isTrue();
        assertThat(settings.call().method()).isEqualTo("PUT");
        assertThat(settings.call().url().source()).isEqualTo("{{config:intercom}}/contacts/{{destination_id}}");
        assertThat(settings.create()).get().extracting(HttpSettings.Call::method).isEqualTo("POST");
        assertThat(settings.headers()).containsOnlyKeys("Authorization", "Intercom-Version", "Accept");
        assertThat(settings.responseId()).hasValue("id");
        assertThat(settings.successStatuses()).containsExactly(200);
        assertThat(settings.rateLimit()).isEqualTo(new RateLimit(1000, Duration.ofSeconds(10)));
        assertThat(intercom.batchSize(loaded.definition().get())).isEqualTo(1);
    }

    @Test
    void aMinimalBlockTakesTheDefaults() throws IOException {
        HttpSettings settings = destination.settings(valid("""
                http:
                  url: "{{config:crm}}/people"
                """));

        assertThat(settings.call().method()).isEqualTo("POST");
        assertThat(settings.batchSize()).isEqualTo(1);
        assertThat(settings.body()).isEmpty();
        assertThat(settings.isSuccess(204)).isTrue();
        assertThat(settings.isSuccess(302)).isFalse();
        assertThat(settings.rateLimit()).isEqualTo(PROPERTIES.rateLimit());
        assertThat(settings.delete()).isEmpty();
    }

    @Test
    void anUnknownSecretIsNamedWithTheHeaderThatUsesIt() throws IOException {
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people"
                  headers:
                    Authorization: "Bearer {{secret:intercom_token}}"
                """)).containsExactly(problem("http.headers.Authorization",
                "refers to secret 'intercom_token', which is not configured (set sluice.http.secrets.intercom_token)"));
    }

    @Test
    void ifEmptyIsRefusedNamingTheField() throws IOException {
        Path file = dir.resolve("people.yaml");
        Files.writeString(file, """
                model:
                  name: people
                  query: SELECT id, email, name FROM people
                destination: http
                mapping:
                  id: id
                  email: email
                  name: {field: name, write: if_empty}
                schedule: manual
                sync_mode: full
                http:
                  url: "{{config:crm}}/people"
                """);

        assertThat(loader.load(file).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("mapping.name.write");
            assertThat(problem.message()).contains("if_empty", "HTTP destination has no read");
        });
    }

    @Test
    void secretsBelongInHeadersOnly() throws IOException {
        List<SyncFileProblem> problems = problems("""
                http:
                  url: "{{config:crm}}/people?key={{secret:crm_token}}"
                  body: '{"token": {{secret:crm_token}}}'
                """);

        assertThat(problems).extracting(SyncFileProblem::field).containsExactly("http.url", "http.body");
        assertThat(problems).allSatisfy(problem -> assertThat(problem.message())
                .contains("{{secret:crm_token}} cannot be used here", "secrets go in headers only"));
    }

    @Test
    void templatesMayOnlyUseMappedFieldsAndConfiguredEndpoints() throws IOException {
        assertThat(problems("""
                http:
                  url: "{{config:billing}}/people/{{customer_number}}"
                  body: '{"mail": {{emial}}}'
                """)).containsExactly(
                problem("http.url", "refers to endpoint 'billing', which is not configured "
                        + "(set sluice.http.endpoints.billing)"),
                problem("http.url", "refers to {{customer_number}}, which is not a mapped field; mapped fields: "
                        + "[email, id, name]"),
                problem("http.body", "refers to {{emial}}, which is not a mapped field; mapped fields: "
                        + "[email, id, name]"));
    }

    @Test
    void aBodyThatIsNotJsonOnceFilledInIsReported() throws IOException {
        List<SyncFileProblem> problems = problems("""
                http:
                  url: "{{config:crm}}/people"
                  body: '{"email": {{email}}, "name": {{name}'
                """);
        List<SyncFileProblem> unquotedText = problems("""
                http:
                  url: "{{config:crm}}/people"
                  body: '{"email": {{email}} {{name}}}'
                """);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("http.body");
            assertThat(problem.message()).contains("is not closed");
        });
        assertThat(unquotedText).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("http.body");
            assertThat(problem.message()).contains("is not JSON once its placeholders are filled in");
        });
    }

    @Test
    void aUrlWithTheDestinationIdNeedsACreateCallAndTheIdsPlaceInTheResponse() throws IOException {
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people/{{destination_id}}"
                  method: PUT
                """)).extracting(SyncFileProblem::field).containsExactly("http.create", "http.response_id");
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people/{{destination_id}}"
                  method: PUT
                  create: {url: "{{config:crm}}/people/{{destination_id}}"}
                  response_id: data.id
                """)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("http.create.url");
            assertThat(problem.message()).contains("{{destination_id}} cannot be used here");
        });
    }

    @Test
    void aCallPerBatchServesManyRecordsSoNoRecordsValueFitsItsUrl() throws IOException {
        List<SyncFileProblem> problems = problems("""
                http:
                  url: "{{config:crm}}/people/{{id}}"
                  batch_size: 50
                  create: {url: "{{config:crm}}/people"}
                  response_id: id
                  batch_body: '{"people": []}'
                """);

        assertThat(problems).extracting(SyncFileProblem::field)
                .containsExactly("http.url", "http.create", "http.batch_body", "http.response_id");
        assertThat(problems.get(3).message()).isEqualTo("applies only to calls per record (batch_size 1)");
        assertThat(problems.get(2).message()).contains("{{records}} exactly once");
    }

    @Test
    void theBatchSizeIsBoundedAndBatchBodyNeedsBatches() throws IOException {
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people"
                  batch_size: 101
                """)).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains("from 1 to 100 (sluice.http.max-batch-size)"));
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people"
                  batch_body: '{"people": {{records}}}'
                """)).containsExactly(problem("http.batch_body", "applies only to calls per batch (batch_size > 1)"));
        assertThat(destination.settings(valid("""
                http:
                  url: "{{config:crm}}/people/bulk"
                  batch_size: 100
                  batch_body: '{"people": {{records}}, "source": "sluice"}'
                """)).batchSize()).isEqualTo(100);
    }

    @Test
    void mirrorModeNeedsADeleteCallAndOnlyMirrorModeMayHaveOne() throws IOException {
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people"
                """, "mirror")).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("http.delete");
            assertThat(problem.message()).startsWith("is missing: sync_mode mirror removes records");
        });
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people"
                  delete: {url: "{{config:crm}}/people/{{id}}", method: DELETE}
                """)).containsExactly(problem("http.delete", "applies only to sync_mode: mirror"));
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people"
                  delete: {url: "{{config:crm}}/people/{{email}}", method: GET}
                """, "mirror")).extracting(SyncFileProblem::field)
                .containsExactly("http.delete.method", "http.delete.url");
        assertThat(destination.settings(valid("""
                http:
                  url: "{{config:crm}}/people"
                  delete: {url: "{{config:crm}}/people/{{id}}"}
                """, "mirror")).delete()).get().extracting(HttpSettings.Call::method).isEqualTo("DELETE");
    }

    @Test
    void wrongTypesAndUnknownFieldsAreEachReported() throws IOException {
        assertThat(problems("""
                http:
                  url: "{{config:crm}}/people"
                  method: GET
                  success_statuses: [200, "201"]
                  rate_limit: {requests: 0, per: 10}
                  headers:
                    "Bad Header": x
                    CamelHttpUri: y
                  retries: 3
                """)).extracting(SyncFileProblem::field).containsExactlyInAnyOrder("http.retries", "http.method",
                "http.success_statuses[1]", "http.rate_limit.requests", "http.rate_limit.per",
                "http.headers.Bad Header", "http.headers.CamelHttpUri");
        assertThat(problems("""
                http:
                  url: "ftp://files.example.test/{{id}}"
                """)).singleElement().satisfies(problem -> assertThat(problem.message())
                .startsWith("must be an absolute http or https URL"));
        assertThat(problems("")).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("http");
            assertThat(problem.message()).startsWith("is missing: the calls the generic HTTP destination makes");
        });
        assertThat(problems("http: {}\n")).containsExactly(problem("http.url",
                "is missing: the URL each call goes to, e.g. \"{{config:crm}}/contacts\""));
    }

    @Test
    void theRateLimitAndStatusesAreReadAsWritten() throws IOException {
        HttpSettings settings = destination.settings(valid("""
                http:
                  url: "{{config:crm}}/people"
                  method: patch
                  success_statuses: [200, 202]
                  rate_limit: {requests: 5, per: 2s}
                """));

        assertThat(settings.call().method()).isEqualTo("PATCH");
        assertThat(settings.isSuccess(202)).isTrue();
        assertThat(settings.isSuccess(201)).isFalse();
        assertThat(settings.rateLimit()).isEqualTo(new RateLimit(5, Duration.ofSeconds(2)));
    }

    private io.sluice.sync.SyncDefinition valid(String block) throws IOException {
        return valid(block, "full");
    }

    private io.sluice.sync.SyncDefinition valid(String block, String mode) throws IOException {
        LoadedSyncFile loaded = load(block, mode);
        assertThat(loaded.problems()).isEmpty();
        return loaded.definition().orElseThrow();
    }

    private List<SyncFileProblem> problems(String block) throws IOException {
        return problems(block, "full");
    }

    private List<SyncFileProblem> problems(String block, String mode) throws IOException {
        return load(block, mode).problems();
    }

    private LoadedSyncFile load(String block, String mode) throws IOException {
        Path file = dir.resolve("people.yaml");
        Files.writeString(file, """
                model:
                  name: people
                  query: SELECT id, email, name FROM people
                destination: http
                mapping:
                  id: id
                  email: email
                  name: name
                schedule: manual
                sync_mode: %s
                """.formatted(mode) + block);
        return loader.load(file);
    }

    private SyncFileProblem problem(String field, String message) {
        return new SyncFileProblem(dir.resolve("people.yaml").toString(), field, message);
    }
}
