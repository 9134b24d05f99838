package io.sluice.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * One Sluice shared by the tests of the admin API's surface (its problems, its OpenAPI document, its
 * lists): three manual syncs of leads, one of whose rows the Salesforce fake refuses for want of a
 * company. Calls go through a plain client, so each says which token it sends, if any.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AdminApiContext {

    static final String OPERATOR = SluiceTestProperties.OPERATOR_TOKEN;
    static final String VIEWER = SluiceTestProperties.VIEWER_TOKEN;
    static final String SYNC = "api_leads";
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("admin_api_warehouse");

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE IF NOT EXISTS api_leads (email VARCHAR(100) PRIMARY KEY,"
                + " last_name VARCHAR(100), company VARCHAR(100))");
        WAREHOUSE.jdbc().update("DELETE FROM api_leads");
        WAREHOUSE.jdbc().update("INSERT INTO api_leads VALUES ('ada@example.com', 'Lovelace', 'Analytical'),"
                + " ('grace@example.com', 'Hopper', NULL), ('alan@example.com', 'Turing', 'Bletchley'),"
                + " ('edsger@example.com', 'Dijkstra', 'Mathematisch Centrum'),"
                + " ('barbara@example.com', 'Liskov', 'MIT')");
        Path routes = Files.createTempDirectory("sluice-admin-api-routes");
        for (String name : new String[]{SYNC, "api_leads_copy", "api_leads_spare"}) {
            Files.writeString(routes.resolve(name + ".yaml"), """
                    model:
                      name: leads
                      primary_key: email
                      query: SELECT email, last_name, company FROM api_leads ORDER BY email
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
        }
        SluiceTestProperties.register(registry, routes, WAREHOUSE, TestDatabases.h2("admin_api_state"), SALESFORCE);
    }

    @BeforeAll
    static void leadsNeedACompany() {
        SALESFORCE.requireFields("Lead", "LastName", "Company");
    }

    Response call(String method, String path, String token) {
        return call(method, path, token, HttpRequest.BodyPublishers.noBody());
    }

    Response call(String method, String path, String token, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), response.headers(),
                    text.isEmpty() || !response.headers().firstValue("Content-Type").orElse("").contains("json")
                            ? JSON.nullNode() : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, HttpHeaders headers, JsonNode body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
