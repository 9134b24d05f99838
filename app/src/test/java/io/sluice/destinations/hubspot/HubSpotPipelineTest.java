package io.sluice.destinations.hubspot;

import static io.sluice.sandbox.hubspot.HubSpotSandbox.Property.number;
import static io.sluice.sandbox.hubspot.HubSpotSandbox.Property.text;
import static io.sluice.sandbox.hubspot.HubSpotSandbox.Property.uniqueText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.CrmObject;
import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.state.RecordStateStore;
import io.sluice.support.AdminLists;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** What a user of Sluice sees when a sync writes to HubSpot, asserted on what HubSpot received. */
class HubSpotPipelineTest extends HubSpotSyncTestSupport {

    static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0, "pat-na1-pipeline-test");
    static final TestDatabase WAREHOUSE = TestDatabases.h2("hubspot_warehouse");

    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE SCHEMA hs");
        for (String table : List.of("hs.customers", "hs.partial", "hs.colour", "hs.outage", "hs.refused",
                "hs.throttled", "hs.mirrored")) {
            WAREHOUSE.jdbc().execute(customersTable(table));
        }
        WAREHOUSE.jdbc().execute("ALTER TABLE hs.colour ADD COLUMN favourite_colour VARCHAR(20)");
        WAREHOUSE.jdbc().execute("CREATE TABLE hs.things (thing_key VARCHAR(20), label VARCHAR(100))");
        configure(registry, HUBSPOT, WAREHOUSE, Map.ofEntries(
                Map.entry("customers.yaml", contactsSync("hs.customers", "full", "")),
                Map.entry("partial_customers.yaml", contactsSync("hs.partial", "full", "")),
                Map.entry("colour_customers.yaml", contactsSync("hs.colour", "full", "")
                        .replace("first_name, lifetime_value FROM", "first_name, lifetime_value, favourite_colour FROM")
                        .replace("  lifetime_value: lifetime_value\n",
                                "  lifetime_value: lifetime_value\n  favourite_colour: favourite_colour\n")),
                Map.entry("outage_customers.yaml", contactsSync("hs.outage", "full", "")),
                Map.entry("refused_customers.yaml", contactsSync("hs.refused", "full", "")),
                Map.entry("by_first_name.yaml", contactsSync("hs.refused", "full", "")
                        .replace("external_id_field: email", "external_id_field: firstname")),
                Map.entry("throttled_customers.yaml", contactsSync("hs.throttled", "full", "hubspot:\n  batch_size: 1\n")),
                Map.entry("mirrored_customers.yaml", contactsSync("hs.mirrored", "mirror", "")),
                Map.entry("things_by_name.yaml", thingsSync("p_custom_thing")),
                Map.entry("things_by_id.yaml", thingsSync("2-1234567")),
                Map.entry("broken_hubspot.yaml", """
                        model:
                          query: SELECT email FROM hs.customers
                        destination: hubspot
                        object: Contact
                        mapping:
                          email: Email
                        hubspot:
                          batch_size: 500
                        schedule: manual
                        sync_mode: full
                        """)));
    }

    @BeforeEach
    void freshAccount() {
        HUBSPOT.reset();
        HUBSPOT.defineProperties("contacts", uniqueText("customer_id"), number("lifetime_value"));
    }

    @Test
    void theFirstRunDeliversInBatchesOfAtMostOneHundredThenOnlyWhatChanged() throws Exception {
        for (int i = 1; i <= 250; i++) {
            WAREHOUSE.jdbc().update("INSERT INTO hs.customers VALUES (?, ?, ?, ?)",
                    "cus_%03d".formatted(i), "Customer" + i + "@Example.com", "First" + i, i * 10.5);
        }

        SyncRun first = runner.run("customers", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(first.counts().created()).isEqualTo(250);
        List<RecordedRequest> upserts = requestsTo(HUBSPOT, UPSERT_CONTACTS);
        assertThat(upserts).extracting(RecordedRequest::method, RecordedRequest::inputs, RecordedRequest::authorization,
                RecordedRequest::status).containsExactlyInAnyOrder(
                tuple("POST", 100, "Bearer pat-na1-pipeline-test", 200),
                tuple("POST", 100, "Bearer pat-na1-pipeline-test", 200),
                tuple("POST", 50, "Bearer pat-na1-pipeline-test", 200));
        // batches go out several at a time and may arrive in any order
        RecordedRequest firstBatch = upserts.stream().filter(upsert -> upsert.body().contains("\"cus_001\""))
                .findFirst().orElseThrow();
        assertThat(json.readTree(firstBatch.body()).get("inputs").get(0)).isEqualTo(json.readTree("""
                {"id":"customer1@example.com","idProperty":"email","properties":{"customer_id":"cus_001",
                 "email":"customer1@example.com","firstname":"First1","lifetime_value":"10.5"}}"""));
        assertThat(HUBSPOT.objects("contacts")).hasSize(250);
        CrmObject contact150 = HUBSPOT.findObject("contacts", "email", "customer150@example.com").orElseThrow();
        assertThat(contact150.properties()).containsEntry("customer_id", "cus_150")
                .containsEntry("firstname", "First150").containsEntry("lifetime_value", "1575");
        assertThat(state.records("customers")).filteredOn(record -> record.key().equals("cus_150"))
                .extracting(RecordStateStore.StoredRecord::destinationId).containsExactly(contact150.id());

        SyncRun unchanged = runner.run("customers", SyncRun.Trigger.MANUAL);
        assertThat(unchanged.counts().unchanged()).isEqualTo(250);
        assertThat(HUBSPOT.requests()).hasSize(3);

        WAREHOUSE.jdbc().update("UPDATE hs.customers SET lifetime_value = 9999.99 WHERE customer_id = 'cus_150'");
        SyncRun oneChange = runner.run("customers", SyncRun.Trigger.MANUAL);

        assertThat(oneChange.counts().updated()).isEqualTo(1);
        assertThat(oneChange.counts().created()).isZero();
        assertThat(oneChange.counts().unchanged()).isEqualTo(249);
        assertThat(HUBSPOT.requests()).hasSize(4);
        RecordedRequest last = HUBSPOT.requests().get(3);
        assertThat(last.inputs()).isEqualTo(1);
        assertThat(json.readTree(last.body()).get("inputs").get(0).get("id").asText()).isEqualTo("customer150@example.com");
        assertThat(HUBSPOT.objects("contacts")).hasSize(250);
        assertThat(HUBSPOT.findObject("contacts", "email", "customer150@example.com")).get()
                .satisfies(contact -> {
                    assertThat(contact.id()).isEqualTo(contact150.id());
                    assertThat(contact.property("lifetime_value")).isEqualTo("9999.99");
                });
    }

    @Test
    void inputsHubSpotRejectsBecomeDeadLettersWithItsCategoryAndMessageWhileTheRestIsDelivered() {
        WAREHOUSE.jdbc().update("INSERT INTO hs.partial VALUES ('cus_1', 'ok1@example.com', 'Ok', 1),"
                + " ('cus_2', 'billing@@example.org', 'Billing', 2), ('cus_3', 'ok3@example.com', 'Ok', 3)");

        SyncRun run = runner.run("partial_customers", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(2);
        assertThat(run.counts().deadLettered()).isEqualTo(1);
        assertThat(HUBSPOT.requests()).extracting(RecordedRequest::inputs, RecordedRequest::status)
                .containsExactly(tuple(3, 207));
        assertThat(deadLetters("partial_customers", "open")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("recordKey", "cus_2")
                    .containsEntry("errorCode", "VALIDATION_ERROR")
                    .containsEntry("retryable", false)
                    .containsEntry("attempts", 1);
            assertThat(letter.get("errorMessage").toString()).startsWith("Property values were not valid")
                    .contains("INVALID_EMAIL", "Email address billing@@example.org is invalid");
            assertThat((Map<String, Object>) letter.get("payload")).containsEntry("email", "billing@@example.org");
        });
        assertThat(state.records("partial_customers")).extracting(RecordStateStore.StoredRecord::key)
                .containsExactlyInAnyOrder("cus_1", "cus_3");
        assertThat(HUBSPOT.objects("contacts")).extracting(contact -> contact.property("email"))
                .containsExactly("ok1@example.com", "ok3@example.com");
    }

    @Test
    void aMissingPropertyDeadLettersTheRecordsAndAReplayAfterItIsCreatedDeliversThem() throws Exception {
        WAREHOUSE.jdbc().update("INSERT INTO hs.colour VALUES ('cus_1', 'a@example.com', 'A', 1, 'teal'),"
                + " ('cus_2', 'b@example.com', 'B', 2, 'ochre')");

        SyncRun run = runner.run("colour_customers", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().deadLettered()).isEqualTo(2);
        assertThat(deadLetters("colour_customers", "open")).hasSize(2).allSatisfy(letter -> {
            assertThat(letter).containsEntry("errorCode", "VALIDATION_ERROR");
            assertThat(letter.get("errorMessage").toString())
                    .contains("PROPERTY_DOESNT_EXIST", "Property \\\"favourite_colour\\\" does not exist");
        });

        // the HubSpot admin creates the property through HubSpot's own API
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(HUBSPOT.baseUrl() + "/crm/v3/properties/contacts"))
                .header("Authorization", "Bearer " + HUBSPOT.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"favourite_colour","label":"Favourite colour","type":"string","fieldType":"text",
                         "groupName":"contactinformation"}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=colour_customers", null,
                Map.class);

        assertThat(replay.getBody()).containsEntry("delivered", 2).containsEntry("failed", 0);
        assertThat(deadLetters("colour_customers", "open")).isEmpty();
        assertThat(HUBSPOT.findObject("contacts", "email", "b@example.com")).get()
                .extracting(contact -> contact.property("favourite_colour")).isEqualTo("ochre");
        assertThat(state.records("colour_customers")).extracting(RecordStateStore.StoredRecord::key)
                .containsExactlyInAnyOrder("cus_1", "cus_2");
    }

    @Test
    void anOutageIsRetriedThenDeadLetteredAsRetryableAndReplayedWhenItEnds() {
        WAREHOUSE.jdbc().update("INSERT INTO hs.outage VALUES ('cus_1', 'x@example.com', 'X', 1),"
                + " ('cus_2', 'y@example.com', 'Y', 2)");
        HUBSPOT.failNextRequests(2, 503);
        SyncRun recovered = runner.run("outage_customers", SyncRun.Trigger.MANUAL);
        assertThat(recovered.counts().created()).isEqualTo(2);
        assertThat(recovered.counts().deadLettered()).isZero();
        assertThat(HUBSPOT.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);

        WAREHOUSE.jdbc().update("UPDATE hs.outage SET lifetime_value = 50");
        HUBSPOT.failNextRequests(100, 503);
        SyncRun outage = runner.run("outage_customers", SyncRun.Trigger.MANUAL);

        assertThat(HUBSPOT.requests()).as("one call and two retries").hasSize(6);
        assertThat(outage.counts().deadLettered()).isEqualTo(2);
        assertThat(deadLetters("outage_customers", "open")).hasSize(2).allSatisfy(letter -> {
            assertThat(letter).containsEntry("retryable", true).containsEntry("attempts", 3)
                    .containsEntry("errorCode", "SERVICE_UNAVAILABLE");
            assertThat(letter.get("errorMessage").toString()).startsWith("HubSpot answered HTTP 503");
        });

        HUBSPOT.failNextRequests(0, 503);
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=outage_customers", null,
                Map.class);
        assertThat(replay.getBody()).containsEntry("delivered", 2);
        assertThat(HUBSPOT.objects("contacts")).extracting(contact -> contact.property("lifetime_value"))
                .containsOnly("50");
        assertThat(deadLetters("outage_customers", "open")).isEmpty();
    }

    @Test
    void requestsHubSpotWillNeverAcceptAreDeadLetteredAtOnce() {
        WAREHOUSE.jdbc().update("INSERT INTO hs.refused VALUES ('cus_1', 'x@example.com', 'X', 1)");
        HUBSPOT.failNextRequests(1, 401);

        runner.run("refused_customers", SyncRun.Trigger.MANUAL);
        runner.run("by_first_name", SyncRun.Trigger.MANUAL);

        assertThat(HUBSPOT.requests()).as("no retries").extracting(RecordedRequest::status).containsExactly(401, 400);
        assertThat(deadLetters("refused_customers", "open")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("errorCode", "INVALID_AUTHENTICATION")
                .containsEntry("retryable", false)
                .containsEntry("attempts", 1));
        assertThat(deadLetters("by_first_name", "open")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("errorCode", "VALIDATION_ERROR").containsEntry("retryable", false);
            assertThat(letter.get("errorMessage").toString()).contains("non-unique 0-1 property firstname");
        });
        assertThat(HUBSPOT.objects("contacts")).isEmpty();
    }

    @Test
    void aRateLimitSlowsTheRunDownAndDropsNothing() {
        WAREHOUSE.jdbc().update("INSERT INTO hs.throttled VALUES ('cus_1', 'a@example.com', 'A', 1),"
                + " ('cus_2', 'b@example.com', 'B', 2), ('cus_3', 'c@example.com', 'C', 3)");
        HUBSPOT.setBurstLimit(1, Duration.ofMillis(300));

        SyncRun run = runner.run("throttled_customers", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(3);
        assertThat(run.counts().deadLettered()).isZero();
        assertThat(HUBSPOT.objects("contacts")).hasSize(3);
        List<RecordedRequest> requests = HUBSPOT.requests();
        assertThat(requests).filteredOn(request -> request.status() == 200).hasSize(3);
        assertThat(requests).filteredOn(request -> request.status() == 429).isNotEmpty();
        // batches go out several at a time: each refused batch is followed by its own next attempt
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest refused = requests.get(i);
            if (refused.status() == 429) {
                RecordedRequest retry = requests.subList(i + 1, requests.size()).stream()
                        .filter(request -> request.body().equals(refused.body())).findFirst().orElseThrow();
                assertThat(Duration.between(refused.receivedAt(), retry.receivedAt()))
                        .as("waited for the window named in X-HubSpot-RateLimit-Interval-Milliseconds")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
            }
        }
    }

    @Test
    void mirrorModeArchivesRecordsThatLeftTheModelByTheirHubSpotId() throws Exception {
        WAREHOUSE.jdbc().update("INSERT INTO hs.mirrored VALUES ('cus_1', 'a@example.com', 'A', 1),"
                + " ('cus_2', 'b@example.com', 'B', 2), ('cus_3', 'c@example.com', 'C', 3)");
        runner.run("mirrored_customers", SyncRun.Trigger.MANUAL);
        String leavingId = HUBSPOT.findObject("contacts", "email", "b@example.com").orElseThrow().id();

        WAREHOUSE.jdbc().update("DELETE FROM hs.mirrored WHERE customer_id = 'cus_2'");
        SyncRun mirror = runner.run("mirrored_customers", SyncRun.Trigger.MANUAL);

        assertThat(mirror.counts().deleted()).isEqualTo(1);
        List<RecordedRequest> archives = requestsTo(HUBSPOT, "/crm/v3/objects/contacts/batch/archive");
        assertThat(archives).extracting(RecordedRequest::inputs, RecordedRequest::status).containsExactly(tuple(1, 204));
        assertThat(json.readTree(archives.get(0).body())).isEqualTo(json.readTree(
                "{\"inputs\":[{\"id\":\"" + leavingId + "\"}]}"));
        assertThat(HUBSPOT.objects("contacts")).extracting(contact -> contact.property("email"))
                .containsExactly("a@example.com", "c@example.com");
        assertThat(state.records("mirrored_customers")).extracting(RecordStateStore.StoredRecord::key)
                .containsExactlyInAnyOrder("cus_1", "cus_3");
    }

    @Test
    void customObjectsAreWrittenByNameOrByObjectTypeId() {
        String objectTypeId = HUBSPOT.defineCustomObject("custom_thing", uniqueText("thing_key"), text("label"));
        WAREHOUSE.jdbc().update("DELETE FROM hs.things");
        WAREHOUSE.jdbc().update("INSERT INTO hs.things VALUES ('T-1', 'One'), ('T-2', 'Two')");

        SyncRun byName = runner.run("things_by_name", SyncRun.Trigger.MANUAL);
        WAREHOUSE.jdbc().update("UPDATE hs.things SET label = 'Uno' WHERE thing_key = 'T-1'");
        SyncRun byId = runner.run("things_by_id", SyncRun.Trigger.MANUAL);

        assertThat(objectTypeId).isEqualTo("2-1234567");
        assertThat(HUBSPOT.requests()).extracting(RecordedRequest::path, RecordedRequest::status).containsExactly(
                tuple("/crm/v3/objects/p_custom_thing/batch/upsert", 200),
                tuple("/crm/v3/objects/2-1234567/batch/upsert", 200));
        assertThat(byName.counts().created()).isEqualTo(2);
        assertThat(byId.counts().updated()).as("the same records, found by thing_key").isEqualTo(2);
        assertThat(HUBSPOT.objects("p_custom_thing")).extracting(thing -> thing.property("label"))
                .containsExactly("Uno", "Two");
        assertThat(HUBSPOT.objects("contacts")).isEmpty();
    }

    @Test
    void aBrokenHubSpotSyncFileIsReportedWithItsFieldsAndReasons() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("broken_hubspot")).singleElement()
                .satisfies(sync -> {
                    assertThat(sync).containsEntry("valid", false);
                    assertThat((List<Map<String, Object>>) sync.get("errors"))
                            .extracting(error -> error.get("field"))
                            .containsExactlyInAnyOrder("object", "mapping.email", "hubspot.batch_size");
                });
        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("customers")).singleElement()
                .satisfies(sync -> assertThat(sync).containsEntry("valid", true));
    }

    private static String thingsSync(String object) {
        return """
                model:
                  name: things
                  query: SELECT thing_key, label FROM hs.things
                destination: hubspot
                object: %s
                mapping:
                  thing_key: thing_key
                  label: label
                schedule: manual
                sync_mode: full
                """.formatted(object);
    }
}
