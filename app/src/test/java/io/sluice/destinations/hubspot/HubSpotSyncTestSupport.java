package io.sluice.destinations.hubspot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.sluice.pipeline.SyncRunner;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.support.AdminLists;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Sluice end to end against the HubSpot fake: an H2 warehouse and state store of the test class's
 * own, sync files in a temp folder, the real camel-http client pointed at the fake through
 * {@code sluice.hubspot.*} alone, as a deployment points it at HubSpot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HubSpotSyncTestSupport {

    static final String UPSERT_CONTACTS = "/crm/v3/objects/contacts/batch/upsert";

    /** Only to satisfy the shared test configuration; these tests never write to Salesforce. */
    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    TestRestTemplate http;

    /**
     * @param syncFiles file name → content, written to a fresh routes folder
     */
    static void configure(DynamicPropertyRegistry registry, HubSpotSandbox hubspot, TestDatabase warehouse,
                          Map<String, String> syncFiles) {
        SluiceTestProperties.register(registry, writeSyncFiles(syncFiles), warehouse, TestDatabases.h2("hubspot_state"),
                SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.hubspot.base-url", hubspot::baseUrl);
        registry.add("sluice.hubspot.token", hubspot::token);
    }

    /** A contacts sync matched on e-mail, keyed by customer_id, reading {@code table}. */
    static String contactsSync(String table, String mode, String extra) {
        return """
                model:
                  name: customers
                  primary_key: customer_id
                  query: SELECT customer_id, email, first_name, lifetime_value FROM %s ORDER BY customer_id
                destination: hubspot
                external_id_field: email
                mapping:
                  customer_id: customer_id
                  email:
                    field: email
                    transform: lowercase
                  first_name: firstname
                  lifetime_value: lifetime_value
                schedule: manual
                sync_mode: %s
                %s""".formatted(table, mode, extra);
    }

    static String customersTable(String table) {
        return "CREATE TABLE " + table + " (customer_id VARCHAR(20) PRIMARY KEY, email VARCHAR(200),"
                + " first_name VARCHAR(100), lifetime_value DECIMAL(12, 2))";
    }

    static List<RecordedRequest> requestsTo(HubSpotSandbox hubspot, String path) {
        return hubspot.requests().stream().filter(request -> request.path().equals(path)).toList();
    }

    List<Map<String, Object>> deadLetters(String sync, String status) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status={status}", sync, status);
    }

    private static Path writeSyncFiles(Map<String, String> syncFiles) {
        try {
            Path routes = Files.createTempDirectory("sluice-hubspot-routes");
            for (Map.Entry<String, String> file : syncFiles.entrySet()) {
                Files.writeString(routes.resolve(file.getKey()), file.getValue());
            }
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
