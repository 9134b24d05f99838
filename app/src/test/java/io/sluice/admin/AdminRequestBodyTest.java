package io.sluice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.RunRepository;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Admin requests with bodies they should not have: too large (refused with 413 before it is read, and
 * the service carries on), or with fields no admin call knows (400 naming them). Nothing runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminRequestBodyTest {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("admin_body_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("admin_body_state");

    @Autowired
    TestRestTemplate http;
    @Autowired
    RunRepository runs;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE admin_body_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        Path routes = Files.createTempDirectory("sluice-admin-body-routes");
        Files.writeString(routes.resolve("admin_body.yaml"), """
                model:
                  query: SELECT account_number, name FROM admin_body_accounts
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
    }

    @Test
    void aFiftyMegabyteBodyIsRefusedWith413BeforeItIsSentAndTheServiceCarriesOn() throws IOException {
        String response;
        // what curl does with a large body: announce it, and send it only once the server agrees to read it
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            String headers = "POST /admin/syncs/admin_body/run HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + 50 * 1024 * 1024 + "\r\n"
                    + "Expect: 100-continue\r\n"
                    // a refused token would say nothing about bodies
                    + "Authorization: Bearer " + SluiceTestProperties.OPERATOR_TOKEN + "\r\n"
                    + "\r\n";
            socket.getOutputStream().write(headers.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 413 ");
        // the JSON error, without the chunk framing around it
        Map<String, Object> error = json.readValue(response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1),
                Map.class);
        assertThat(error).containsEntry("status", 413);
        assertThat(error.get("detail").toString()).contains("52428800 bytes", "sluice.admin.max-request-size");
        assertThat(runs.history("admin_body", 10)).isEmpty();
        assertThat(http.getForEntity("/admin/syncs/admin_body", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aBodyOverTheLimitSentWithoutWaitingIsRefusedToo() {
        ResponseEntity<Map> response = http.postForEntity("/admin/syncs/admin_body/preview",
                jsonBody("{\"padding\":\"" + "x".repeat(100_000) + "\"}"), Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getBody().get("detail").toString()).contains("sluice.admin.max-request-size");
    }

    @Test
    void fieldsNoAdminCallKnowsAreRefusedByName() {
        ResponseEntity<Map> response = http.postForEntity("/admin/syncs/admin_body/run",
                jsonBody("{\"dryRun\": true, \"limit\": 5}"), Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("detail")).isEqualTo(
                "unknown fields 'dryRun', 'limit': POST /admin/syncs/admin_body/run takes no request body");
        assertThat(runs.history("admin_body", 10)).isEmpty();

        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=admin_body",
                jsonBody("{\"sync\": \"admin_body\"}"), Map.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(replay.getBody().get("detail").toString()).startsWith("unknown field 'sync'");
    }

    @Test
    void anEmptyJsonObjectIsNoBodyAtAll() {
        ResponseEntity<Map> preview = http.postForEntity("/admin/syncs/admin_body/preview", jsonBody("{}"), Map.class);

        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(preview.getBody()).containsEntry("creates", 0);
    }

    private static HttpEntity<String> jsonBody(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
