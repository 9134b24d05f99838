package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.support.AdminLists;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * {@code write: if_empty} on HubSpot: a job title a sales rep typed survives every run while the warehouse's other
 * properties update, read with one batch read per batch.
 */
class HubSpotIfEmptyTest extends HubSpotSyncTestSupport {

    static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0, "pat-na1-if-empty-test");
    static final TestDatabase WAREHOUSE = TestDatabases.h2("hubspot_if_empty_warehouse");

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE TABLE people (email VARCHAR(200), company VARCHAR(100), title VARCHAR(100))");
        configure(registry, HUBSPOT, WAREHOUSE, Map.of("people.yaml", """
                model:
                  name: people
                  primary_key: email
                  query: SELECT email, company, title FROM people
                destination: hubspot
                object: contacts
                external_id_field: email
                mapping:
                  email: email
                  company: company
                  title: {field: jobtitle, write: if_empty}
                schedule: manual
                sync_mode: full
                """));
    }

    @Test
    void aValueTypedInHubSpotSurvivesTheRunWhileTheOtherPropertiesUpdate() {
        HUBSPOT.putObject("contacts", "email", Map.of("email", "grace@example.com", "company", "Navy",
                "jobtitle", "Rear Admiral"));
        HUBSPOT.putObject("contacts", "email", Map.of("email", "linus@example.com", "company", "Transmeta"));
        person("ada@example.com", "Analytical Engines", "Engineer");
        person("grace@example.com", "Univac", "Engineer");
        person("linus@example.com", "Linux Foundation", "Engineer");
        int before = HUBSPOT.requests().size();

        SyncRun first = runner.run("people", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(first.counts().fieldsKept()).as("Grace's job title kept").isEqualTo(1);
        assertThat(contact("grace@example.com")).containsEntry("company", "Univac")
                .containsEntry("jobtitle", "Rear Admiral");
        assertThat(contact("linus@example.com")).as("an empty property is filled")
                .containsEntry("company", "Linux Foundation").containsEntry("jobtitle", "Engineer");
        assertThat(contact("ada@example.com")).as("a new record gets it").containsEntry("jobtitle", "Engineer");
        assertThat(HUBSPOT.requests().subList(before, HUBSPOT.requests().size()))
                .extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::inputs).containsExactly(
                        tuple("POST", "/crm/v3/objects/contacts/batch/read", 3),
                        tuple("POST", UPSERT_CONTACTS, 3));
        assertThat(AdminLists.items(http, "/admin/runs/{id}/records?key={key}", first.id(), "grace@example.com"))
                .singleElement().satisfies(record -> assertThat(record.get("keptFields")).isEqualTo(List.of("jobtitle")));

        WAREHOUSE.jdbc().update("UPDATE people SET company = 'Babbage & Co', title = 'Countess' WHERE email = ?",
                "ada@example.com");
        SyncRun second = runner.run("people", SyncRun.Trigger.MANUAL);

        assertThat(second.counts().fieldsKept()).isEqualTo(1);
        assertThat(contact("ada@example.com")).as("the title it filled is now owned in HubSpot")
                .containsEntry("company", "Babbage & Co").containsEntry("jobtitle", "Engineer");
        assertThat(http.getForObject("/admin/runs/{id}", Map.class, second.id()).get("counts"))
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("fieldsKept", 1);
    }

    private static Map<String, String> contact(String email) {
        return HUBSPOT.findObject("contacts", "email", email).orElseThrow().properties();
    }

    private static void person(String email, String company, String title) {
        WAREHOUSE.jdbc().update("INSERT INTO people VALUES (?, ?, ?)", email, company, title);
    }
}
