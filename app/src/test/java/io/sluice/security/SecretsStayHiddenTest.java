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
    /** A second org, a named connection with credentials of its own. */
    private static final SalesforceSandbox.Credentials EU_CREDENTIALS = new SalesforceSandbox.Credentials(
            "secrets-eu-client", "sf-eu-client-secret-c0ffee", "sf-eu-refresh-token-b4b4", "ops@eu.sluice.local",
            "sf-eu-user-password-1e1e");
    private static final SalesforceSandbox SALESFORCE_EU = SalesforceSandbox.start(0, EU_CREDENTIALS);
    private static final String WRONG_PARTNER_TOKEN = "pat-eu1-named-connection-secret-9e9e";
    private static final String NAMED_STRIPE_KEY = "sk_test_named-connection-secret-1a2b";
    private static final String NAMED_SLACK_TOKEN = "xoxb-named-connection-secret-3c4d";
    private static final String NAMED_HTTP_SECRET = "http-named-connection-secret-5e6f";
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
            OPERATOR_TOKEN, VIEWER_TOKEN, EU_CREDENTIALS.clientSecret(), EU_CREDENTIALS.refreshToken(),
            WRONG_PARTNER_TOKEN, NAMED_STRIPE_KEY, NAMED_SLACK_TOKEN, NAMED_HTTP_SECRET);

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
        Files.writeString(routes.resolve("secret_eu_leads.yaml"), "connection: eu\n"
                + Files.readString(routes.resolve("secret_leads.yaml")));
        Files.writeString(routes.resolve("secret_partner_contacts.yaml"), "connection: partner\n"
                + Files.readString(routes.resolve("secret_contacts.yaml")));
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.salesforce.connections.eu.login-url", SALESFORCE_EU::baseUrl);
        registry.add("sluice.salesforce.connections.eu.client-id", EU_CREDENTIALS::clientId);
        registry.add("sluice.salesforce.connections.eu.client-secret", EU_CREDENTIALS::clientSecret);
        registry.add("sluice.salesforce.connections.eu.refresh-token", EU_CREDENTIALS::refreshToken);
        registry.add("sluice.hubspot.connections.partner.base-url", HUBSPOT::baseUrl);
        registry.add("sluice.hubspot.connections.partner.token", () -> WRONG_PARTNER_TOKEN);
        registry.add("sluice.stripe.connections.eu.api-key", () -> NAMED_STRIPE_KEY);
        registry.add("sluice.slack.connections.eu.token", () -> NAMED_SLACK_TOKEN);
        registry.add("sluice.http.connections.eu.secrets.token", () -> NAMED_HTTP_SECRET);
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
        SALESFORCE_EU.close();
        HUBSPOT.close();
    }

    @Test
    void noSecretAppearsInLogsRecordsOrAnswers(CapturedOutput output) throws Exception {
        SyncRun delivered = runner.run("secret_leads", SyncRun.Trigger.MANUAL);
        SyncRun refused = runner.run("secret_contacts", SyncRun.Trigger.MANUAL);
        assertThat(delivered.counts().created()).isEqualTo(2);
        assertThat(SALESFORCE.records("Lead")).hasSize(2);
        assertThat(refused.counts().deadLettered()).as("the bad token is refused, not ignored").isEqualTo(2);
        SyncRun deliveredEu = runner.run("secret_eu_leads", SyncRun.Trigger.MANUAL);
        SyncRun refusedPartner = runner.run("secret_partner_contacts", SyncRun.Trigger.MANUAL);
        assertThat(deliveredEu.counts().created()).isEqualTo(2);
        assertThat(SALESFORCE_EU.records("Lead")).hasSize(2);
        assertThat(refusedPartner.counts().deadLettered()).isEqualTo(2);

        List<String> said = new ArrayList<>();
        said.add(output.getAll());
        for (String path : List.of("/admin/syncs", "/admin/syncs/secret_leads", "/admin/syncs/secret_contacts/runs",
                "/admin/runs/" + refused.id(), "/admin/dead-letters?sync=secret_contacts",
                "/admin/runs/" + refusedPartner.id(), "/admin/dead-letters?sync=secret_partner_contacts",
                "/admin/syncs/secret_eu_leads", "/actuator/health",
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
