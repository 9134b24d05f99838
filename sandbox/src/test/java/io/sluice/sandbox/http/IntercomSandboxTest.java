package io.sluice.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.http.IntercomSandbox.ReceivedRequest;

/** The fake refuses what Intercom refuses, in Intercom's shapes, and keeps every request for inspection. */
class IntercomSandboxTest {

    private static final IntercomSandbox SANDBOX = IntercomSandbox.start(0, "test-token");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        SANDBOX.reset();
    }

    @AfterAll
    static void close() {
        SANDBOX.close();
    }

    @Test
    void createsAContactAndAnswersWithIntercomsContactObject() throws Exception {
        Answer created = call("POST", "/contacts", "{\"role\":\"user\",\"external_id\":\"cus_1\","
                + "\"email\":\"Ada@Example.org\",\"name\":\"Ada\",\"custom_attributes\":{\"plan\":\"pro\",\"ltv\":12.5}}");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("type").asText()).isEqualTo("contact");
        assertThat(created.json().path("id").asText()).hasSize(24);
        assertThat(created.json().path("workspace_id").asText()).isNotBlank();
        assertThat(created.json().path("external_id").asText()).isEqualTo("cus_1");
        assertThat(created.json().path("role").asText()).isEqualTo("user");
        assertThat(created.json().path("custom_attributes").path("ltv").asDouble()).isEqualTo(12.5);
        assertThat(created.json().path("created_at").asLong()).isCloseTo(Instant.now().getEpochSecond(), within(5L));
        assertThat(SANDBOX.contactByExternalId("cus_1")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("id", created.json().path("id").asText())
                        .containsEntry("name", "Ada"));
    }

    @Test
    void aSecondContactWithTheSameExternalIdOrEmailIsAConflict() throws Exception {
        String id = call("POST", "/contacts", "{\"external_id\":\"cus_1\",\"email\":\"ada@example.org\"}")
                .json().path("id").asText();

        Answer sameExternalId = call("POST", "/contacts", "{\"external_id\":\"cus_1\",\"email\":\"other@example.org\"}");
        Answer sameEmail = call("POST", "/contacts", "{\"external_id\":\"cus_2\",\"email\":\"ADA@example.org\"}");

        for (Answer conflict : new Answer[]{sameExternalId, sameEmail}) {
            assertThat(conflict.status()).isEqualTo(409);
            assertErrorList(conflict, "conflict", "A contact matching those details already exists with id=" + id);
        }
        assertThat(SANDBOX.contacts()).hasSize(1);
        assertThat(SANDBOX.contactByEmail("ADA@EXAMPLE.ORG")).get().extracting(contact -> contact.get("id"))
                .isEqualTo(id);
    }

    @Test
    void updatesOnlyTheAttributesSentAndMergesCustomAttributes() throws Exception {
        String id = call("POST", "/contacts", "{\"external_id\":\"cus_1\",\"email\":\"ada@example.org\","
                + "\"name\":\"Ada\",\"custom_attributes\":{\"plan\":\"pro\",\"seats\":3}}").json().path("id").asText();

        Answer updated = call("PUT", "/contacts/" + id, "{\"name\":\"Ada L.\",\"custom_attributes\":{\"seats\":4}}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("name").asText()).isEqualTo("Ada L.");
        assertThat(updated.json().path("email").asText()).isEqualTo("ada@example.org");
        assertThat(updated.json().path("custom_attributes").path("plan").asText()).isEqualTo("pro");
        assertThat(updated.json().path("custom_attributes").path("seats").asInt()).isEqualTo(4);
    }

    @Test
    void updatingAnUnknownContactOrTakingAnotherContactsEmailIsRefused() throws Exception {
        call("POST", "/contacts", "{\"external_id\":\"cus_1\",\"email\":\"ada@example.org\"}");
        String second = call("POST", "/contacts", "{\"external_id\":\"cus_2\",\"email\":\"bob@example.org\"}")
                .json().path("id").asText();

        Answer unknown = call("PUT", "/contacts/650000000000000000000999", "{\"name\":\"Nobody\"}");
        Answer taken = call("PUT", "/contacts/" + second, "{\"email\":\"ada@example.org\"}");
        Answer demoted = call("PUT", "/contacts/" + second, "{\"role\":\"lead\"}");

        assertThat(unknown.status()).isEqualTo(404);
        assertErrorList(unknown, "not_found", "Contact Not Found");
        assertThat(taken.status()).isEqualTo(409);
        assertErrorList(taken, "conflict", "A contact matching those details already exists with id=");
        assertThat(demoted.status()).isEqualTo(400);
        assertErrorList(demoted, "client_error", "Contact with user role can't be converted to a lead");
    }

    @Test
    void invalidAttributesAreRefusedWithTheParameterInError() throws Exception {
        Answer email = call("POST", "/contacts", "{\"external_id\":\"cus_1\",\"email\":\"ada-at-example.org\"}");
        Answer nobody = call("POST", "/contacts", "{\"role\":\"user\",\"name\":\"No one\"}");
        Answer role = call("POST", "/contacts", "{\"role\":\"admin\",\"email\":\"ada@example.org\"}");
        Answer timestamp = call("POST", "/contacts", "{\"email\":\"ada@example.org\",\"last_seen_at\":\"yesterday\"}");
        Answer nested = call("POST", "/contacts", "{\"email\":\"ada@example.org\",\"custom_attributes\":{\"a\":{}}}");
        Answer notJson = call("POST", "/contacts", "email=ada@example.org");

        assertThat(email.status()).isEqualTo(400);
        assertErrorList(email, "parameter_invalid", "ada-at-example.org");
        assertThat(nobody.status()).isEqualTo(400);
        assertErrorList(nobody, "parameter_not_found", "email or an external_id");
        assertThat(role.status()).isEqualTo(400);
        assertErrorList(role, "parameter_invalid", "role");
        assertThat(timestamp.status()).isEqualTo(400);
        assertErrorList(timestamp, "parameter_invalid", "last_seen_at");
        assertThat(nested.status()).isEqualTo(400);
        assertErrorList(nested, "parameter_invalid", "custom_attributes.a");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(SANDBOX.contacts()).isEmpty();
    }

    @Test
    void aMissingOrWrongTokenIsUnauthorizedInIntercomsShape() throws Exception {
        Answer missing = send(HttpRequest.newBuilder(uri("/contacts")).POST(body("{\"email\":\"a@example.org\"}")));
        Answer wrong = send(HttpRequest.newBuilder(uri("/contacts")).header("Authorization", "Bearer not-the-token")
                .POST(body("{\"email\":\"a@example.org\"}")));

        for (Answer refused : new Answer[]{missing, wrong}) {
            assertThat(refused.status()).isEqualTo(401);
            assertErrorList(refused, "unauthorized", "Access Token Invalid");
        }
        assertThat(SANDBOX.contacts()).isEmpty();
    }

    @Test
    void theIntercomVersionHeaderMustNameADocumentedVersion() throws Exception {
        Answer known = send(authorized("/contacts").header("Intercom-Version", "2.11")
                .POST(body("{\"email\":\"a@example.org\"}")));
        Answer unknown = send(authorized("/contacts").header("Intercom-Version", "9.9")
                .POST(body("{\"email\":\"b@example.org\"}")));

        assertThat(known.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(400);
        assertErrorList(unknown, "intercom_version_invalid", "version");
    }

    @Test
    void beyondTheRateLimitCallsAnswer429WithTheWindowInHeaders() throws Exception {
        // windows are fixed, as Intercom's: an hour's makes three calls straddling two of them unlikely
        SANDBOX.setRateLimit(2, Duration.ofHours(1));

        Answer first = call("POST", "/contacts", "{\"email\":\"a@example.org\"}");
        Answer second = call("POST", "/contacts", "{\"email\":\"b@example.org\"}");
        Answer third = call("POST", "/contacts", "{\"email\":\"c@example.org\"}");

        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        assertThat(second.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(third.status()).isEqualTo(429);
        assertErrorList(third, "rate_limit_exceeded", "rate limit");
        long reset = Long.parseLong(third.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset).isGreaterThan(Instant.now().getEpochSecond()).isLessThanOrEqualTo(
                Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + 1);
        assertThat(SANDBOX.contacts()).hasSize(2);
    }

    @Test
    void injectedFaultsAnswerTheNextRequestsUnprocessed() throws Exception {
        SANDBOX.failNextRequests(2, 503);

        Answer first = call("POST", "/contacts", "{\"email\":\"a@example.org\"}");
        Answer second = call("POST", "/contacts", "{\"email\":\"a@example.org\"}");
        Answer third = call("POST", "/contacts", "{\"email\":\"a@example.org\"}");

        assertThat(first.status()).isEqualTo(503);
        assertErrorList(first, "service_unavailable", "unavailable");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(200);
        assertThat(SANDBOX.contacts()).hasSize(1);
    }

    @Test
    void deletesAContactAndAnswersWithTheDeletedObject() throws Exception {
        String id = call("POST", "/contacts", "{\"external_id\":\"cus_1\",\"email\":\"a@example.org\"}")
                .json().path("id").asText();

        Answer deleted = call("DELETE", "/contacts/" + id, null);
        Answer again = call("DELETE", "/contacts/" + id, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).isEqualTo(JSON.readTree("{\"id\":\"" + id + "\",\"external_id\":\"cus_1\","
                + "\"type\":\"contact\",\"deleted\":true}"));
        assertThat(again.status()).isEqualTo(404);
        assertThat(SANDBOX.contacts()).isEmpty();
    }

    @Test
    void everyRequestIsKeptWithMethodPathHeadersBodyAndStatus() throws Exception {
        call("POST", "/contacts", "{\"email\":\"a@example.org\"}");
        send(HttpRequest.newBuilder(uri("/contacts?x=1")).POST(body("{}")));

        assertThat(SANDBOX.requests()).hasSize(2);
        ReceivedRequest accepted = SANDBOX.requests().get(0);
        assertThat(accepted.method()).isEqualTo("POST");
        assertThat(accepted.path()).isEqualTo("/contacts");
        assertThat(accepted.header("authorization")).isEqualTo("Bearer test-token");
        assertThat(accepted.header("Content-Type")).isEqualTo("application/json");
        assertThat(accepted.body()).isEqualTo("{\"email\":\"a@example.org\"}");
        assertThat(accepted.status()).isEqualTo(200);
        ReceivedRequest refused = SANDBOX.requests().get(1);
        assertThat(refused.query()).isEqualTo("x=1");
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void theSandboxPagesAreLabelledAndShowTheContactsWithoutTheToken() throws Exception {
        call("POST", "/contacts", "{\"external_id\":\"cus_1\",\"email\":\"a@example.org\"}");

        Answer page = send(HttpRequest.newBuilder(uri("/sandbox")).GET());
        Answer contacts = send(HttpRequest.newBuilder(uri("/sandbox/contacts")).GET());
        Answer requests = send(HttpRequest.newBuilder(uri("/sandbox/requests")).GET());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(IntercomView.BANNER, "Contacts</a>: 1");
        assertThat(contacts.json().get(0).path("external_id").asText()).isEqualTo("cus_1");
        assertThat(requests.body()).contains("/contacts").doesNotContain("test-token");
        assertThat(SANDBOX.requests()).as("the pages are not API traffic").hasSize(1);
    }

    private static void assertErrorList(Answer answer, String code, String messagePart) {
        JsonNode json = answer.json();
        assertThat(json.path("type").asText()).isEqualTo("error.list");
        assertThat(json.path("request_id").asText()).isNotBlank();
        assertThat(json.path("errors")).hasSize(1);
        assertThat(json.path("errors").path(0).path("code").asText()).isEqualTo(code);
        assertThat(json.path("errors").path(0).path("message").asText()).contains(messagePart);
    }

    private record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static Answer call(String method, String path, String json) throws Exception {
        return send(authorized(path).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : body(json)));
    }

    private static HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer test-token");
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    private static URI uri(String path) {
        return URI.create(SANDBOX.baseUrl() + path);
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }
}
