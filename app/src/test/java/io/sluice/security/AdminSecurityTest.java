package io.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * The admin API as an operator, a viewer and a stranger see it: bearer tokens from
 * {@code sluice.admin.*}, several per role for rotation; 401 for a missing or wrong token, 403 for a
 * viewer asking to change something; dead-letter payloads only for operators.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminSecurityTest {

    private static final String OPERATOR = "operator-2026-11";
    private static final String ROTATED_OPERATOR = "operator-2026-12";
    private static final String VIEWER = "viewer-2026-11";
    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestDatabase WAREHOUSE = TestDatabases.h2("security_warehouse");

    @Autowired
    TestRestTemplate http;
    @Autowired
    SyncRunner runner;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE IF NOT EXISTS security_leads (email VARCHAR(100) PRIMARY KEY,"
                + " last_name VARCHAR(100), company VARCHAR(100))");
        WAREHOUSE.jdbc().update("DELETE FROM security_leads");
        WAREHOUSE.jdbc().update("INSERT INTO security_leads VALUES ('ada@example.com', 'Lovelace', 'Analytical'),"
                + " ('grace@example.com', 'Hopper', NULL)");
        Path routes = Files.createTempDirectory("sluice-security-routes");
        Files.writeString(routes.resolve("secured_leads.yaml"), """
                model:
                  name: leads
                  primary_key: email
                  query: SELECT email, last_name, company FROM security_leads ORDER BY email
                destination: salesforce
                object: Lead
                external_id_field: Email
                mapping:
                  email: Email
                  last_name: LastName
                  company: Company
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, TestDatabases.h2("security_state"), SALESFORCE);
        registry.add("sluice.admin.operator-token", () -> OPERATOR + ", " + ROTATED_OPERATOR);
        registry.add("sluice.admin.viewer-token", () -> VIEWER);
    }

    @BeforeAll
    static void leadsNeedACompany() {
        SALESFORCE.requireFields("Lead", "LastName", "Company");
    }

    @Test
    void withoutATokenOnlyHealthAnswers() {
        Response syncs = call(HttpMethod.GET, "/admin/syncs", null);
        Response metrics = call(HttpMethod.GET, "/actuator/metrics", null);
        Response health = call(HttpMethod.GET, "/actuator/health", null);

        assertThat(syncs.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(syncs.challenge()).startsWith("Bearer");
        assertThat(syncs.body().path("detail").asText()).contains("Authorization: Bearer");
        assertThat(metrics.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(health.status()).isEqualTo(HttpStatus.OK);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(health.body().has("components")).as("details need a token").isFalse();
    }

    @Test
    void aWrongTokenIsRefusedEvenWhereNoneIsNeeded() {
        assertThat(call(HttpMethod.GET, "/admin/syncs", "not-a-token").status())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/admin/syncs", OPERATOR + "x").status())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/actuator/health", "not-a-token").status())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aViewerReadsButChangesNothing() {
        Response syncs = call(HttpMethod.GET, "/admin/syncs", VIEWER);
        Response run = call(HttpMethod.POST, "/admin/syncs/secured_leads/run", VIEWER);
        Response preview = call(HttpMethod.POST, "/admin/syncs/secured_leads/preview", VIEWER);
        Response replay = call(HttpMethod.POST, "/admin/dead-letters/replay?sync=secured_leads", VIEWER);
        Response metrics = call(HttpMethod.GET, "/actuator/metrics", VIEWER);
        Response health = call(HttpMethod.GET, "/actuator/health", VIEWER);

        assertThat(syncs.status()).isEqualTo(HttpStatus.OK);
        assertThat(syncs.body().toString()).contains("secured_leads");
        assertThat(run.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(run.body().path("detail").asText()).contains("needs an operator token");
        assertThat(preview.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(replay.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(metrics.status()).isEqualTo(HttpStatus.OK);
        assertThat(health.body().has("components")).isTrue();
        assertThat(SALESFORCE.records("Lead")).isEmpty();
    }

    @Test
    void bothOperatorTokensOfARotationWork() {
        assertThat(call(HttpMethod.POST, "/admin/syncs/secured_leads/preview", OPERATOR).status())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.POST, "/admin/syncs/secured_leads/preview", ROTATED_OPERATOR).status())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void onlyOperatorsReadDeadLetterPayloadsAndADiscardPurgesIt() {
        SyncRun run = runner.run("secured_leads", SyncRun.Trigger.MANUAL);
        assertThat(run.counts().deadLettered()).isEqualTo(1);

        JsonNode asViewer = call(HttpMethod.GET, "/admin/dead-letters?sync=secured_leads", VIEWER).body()
                .path("items");
        JsonNode asOperator = call(HttpMethod.GET, "/admin/dead-letters?sync=secured_leads", OPERATOR).body()
                .path("items");
        long id = asOperator.get(0).path("id").asLong();
        JsonNode oneAsViewer = call(HttpMethod.GET, "/admin/dead-letters/" + id, VIEWER).body();
        Response discardAsViewer = call(HttpMethod.DELETE, "/admin/dead-letters/" + id, VIEWER);
        JsonNode discarded = call(HttpMethod.DELETE, "/admin/dead-letters/" + id, OPERATOR).body();

        assertThat(asViewer.get(0).path("recordKey").asText()).isEqualTo("grace@example.com");
        assertThat(asViewer.get(0).path("errorMessage").asText()).isNotBlank();
        assertThat(asViewer.get(0).path("payload").isNull()).isTrue();
        assertThat(oneAsViewer.path("payload").isNull()).isTrue();
        assertThat(asOperator.get(0).path("payload").path("LastName").asText()).isEqualTo("Hopper");
        assertThat(discardAsViewer.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(discarded.path("status").asText()).isEqualTo("DISCARDED");
        assertThat(discarded.path("payload").size()).isZero();
        assertThat(call(HttpMethod.GET, "/admin/dead-letters/" + id, OPERATOR).body().path("payload").size())
                .isZero();
    }

    /** A plain client, so that no test support adds a token of its own. */
    private Response call(HttpMethod method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.getRootUri() + path))
                .method(method.name(), HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(HttpStatus.valueOf(response.statusCode()),
                    response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE).orElse(null),
                    response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(HttpStatus status, String challenge, JsonNode body) {
    }
}
