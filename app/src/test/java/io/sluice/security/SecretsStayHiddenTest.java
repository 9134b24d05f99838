package io.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Every credential Sluice is given — database passwords, vendor secrets, admin tokens — is looked for
 * in everything Sluice says: its logs, run records, dead letters, admin API and actuator answers,
 * after a run that succeeded and one a destination refused for a bad token.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sluice.delivery.max-redeliveries=1", "sluice.delivery.initial-backoff=10ms"})
class SecretsStayHiddenTest {

    private static final SalesforceSandbox.Credentials SALESFORCE_CREDENTIALS = new SalesforceSandbox.Credentials(
            "secrets-test-client", "sf-client-secret-7f3a9c", "sf-refresh-token-91bd2e", "ops@sluice.local",
            "sf-user-password-0a4f");
    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0, SALESFORCE_CREDENTIALS);
    private static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0, "pat-na1-the-right-token-5d5d");
    private static final String WRONG_HUBSPOT_TOKEN = "pat-na1-configured-secret-4c1d";
    private static final TestDatabase WAREHOUSE = new TestDatabase(
            "jdbc:h2:mem:secrets_warehouse;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "warehouse-password-a81c");
    private static final TestDatabase STATE = new TestDatabase(
            "jdbc:h2:mem:secrets_state;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "state-password-5e2b");
    private static final String OPERATOR_TOKEN = "operator-token-d00d1e";
    private static final String VIEWER_TOKEN = "viewer-token-beef42";
    private static final List<String> SECRETS = List.of(SALESFORCE_CREDENTIALS.clientSecret(),
            SALESFORCE_CREDENTIALS.refreshToken(), WRONG_HUBSPOT_TOKEN, WAREHOUSE.password(), STATE.password(),
            OPERATOR_TOKEN, VIEWER_TOKEN);

    @Autowired
    SyncRunner runner;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE contacts (email VARCHAR(100) PRIMARY KEY, last_name VARCHAR(100),"
                + " company VARCHAR(100))");
        WAREHOUSE.jdbc().update("INSERT INTO contacts VALUES ('ada@example.com', 'Lovelace', 'Analytical'),"
                + " ('grace@example.com', 'Hopper', 'Navy')");
        Path routes = Files.createTempDirectory("sluice-secrets-routes");
        Files.writeString(routes.resolve("secret_leads.yaml"), """
                model:
                  name: contacts
                  primary_key: email
                  query: SELECT email, last_name, company FROM contacts ORDER BY email
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
        Files.writeString(routes.resolve("secret_contacts.yaml"), """
                model:
                  name: contacts
                  primary_key: email
                  query: SELECT email, last_name FROM contacts ORDER BY email
                destination: hubspot
                external_id_field: email
                mapping:
                  email: email
                  last_name: lastname
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("camel.component.salesforce.client-id", SALESFORCE_CREDENTIALS::clientId);
        registry.add("camel.component.salesforce.client-secret", SALESFORCE_CREDENTIALS::clientSecret);
        registry.add("camel.component.salesforce.refresh-token", SALESFORCE_CREDENTIALS::refreshToken);
        registry.add("sluice.hubspot.base-url", HUBSPOT::baseUrl);
        registry.add("sluice.hubspot.token", () -> WRONG_HUBSPOT_TOKEN);
        registry.add("sluice.admin.operator-token", () -> OPERATOR_TOKEN);
        registry.add("sluice.admin.viewer-token", () -> VIEWER_TOKEN);
    }

    @AfterAll
    static void stopFakes() {
        SALESFORCE.close();
        HUBSPOT.close();
    }

    @Test
    void noSecretAppearsInLogsRecordsOrAnswers(CapturedOutput output) throws Exception {
        SyncRun delivered = runner.run("secret_leads", SyncRun.Trigger.MANUAL);
        SyncRun refused = runner.run("secret_contacts", SyncRun.Trigger.MANUAL);
        assertThat(delivered.counts().created()).isEqualTo(2);
        assertThat(SALESFORCE.records("Lead")).hasSize(2);
        assertThat(refused.counts().deadLettered()).as("the bad token is refused, not ignored").isEqualTo(2);

        List<String> said = new ArrayList<>();
        said.add(output.getAll());
        for (String path : List.of("/admin/syncs", "/admin/syncs/secret_leads", "/admin/syncs/secret_contacts/runs",
                "/admin/runs/" + refused.id(), "/admin/dead-letters?sync=secret_contacts", "/actuator/health",
                "/actuator/info", "/actuator/metrics", "/actuator/metrics/hikaricp.connections")) {
            said.add(get(path));
        }
        said.addAll(STATE.jdbc().queryForList("SELECT COALESCE(error, '') FROM sync_run", String.class));
        said.addAll(STATE.jdbc().queryForList("SELECT payload || ' ' || error_message FROM dead_letter", String.class));

        assertThat(String.join("\n", said)).contains("INVALID_AUTHENTICATION").doesNotContain(SECRETS);
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
