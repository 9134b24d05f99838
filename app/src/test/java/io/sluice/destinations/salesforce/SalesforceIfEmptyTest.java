package io.sluice.destinations.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.AdminLists;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * {@code write: if_empty} on Salesforce: a lead source a sales rep typed survives every run while the warehouse's
 * other fields update, read with one SOQL query per batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SalesforceIfEmptyTest {

    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.h2("if_empty_warehouse");

    @Autowired
    SyncRunner runner;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-if-empty-routes");
        Files.writeString(routes.resolve("leads.yaml"), """
                model:
                  name: leads
                  primary_key: email
                  query: SELECT email, company, last_name, source FROM leads
                destination: salesforce
                object: Lead
                mapping:
                  email: Email
                  company: Company
                  last_name: LastName
                  source: {field: LeadSource, write: if_empty}
                schedule: manual
                sync_mode: full
                """);
        WAREHOUSE.jdbc().execute("CREATE TABLE leads (email VARCHAR(200), company VARCHAR(100),"
                + " last_name VARCHAR(100), source VARCHAR(40))");
        SluiceTestProperties.register(registry, routes, WAREHOUSE, TestDatabases.h2("if_empty_state"), SALESFORCE);
    }

    @Test
    void aValueTypedInSalesforceSurvivesTheRunWhileTheOtherFieldsUpdate() {
        // a rep met Grace at a trade show and typed her in by hand; Linus's lead has no source yet
        SALESFORCE.createRecord("Lead", Map.of("LastName", "Hopper", "Company", "Navy", "Email", "grace@example.com",
                "LeadSource", "Trade Show"));
        SALESFORCE.createRecord("Lead", Map.of("LastName", "Torvalds", "Company", "Transmeta",
                "Email", "linus@example.com"));
        lead("ada@example.com", "Analytical Engines", "Lovelace", "Web");
        lead("grace@example.com", "Univac", "Hopper", "Web");
        lead("linus@example.com", "Linux Foundation", "Torvalds", "Web");

        SyncRun first = runner.run("leads", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(first.counts().fieldsKept()).as("Grace's source kept").isEqualTo(1);
        assertThat(lead("grace@example.com")).containsEntry("Company", "Univac").containsEntry("LeadSource", "Trade Show");
        assertThat(lead("linus@example.com")).as("an empty field is filled")
                .containsEntry("Company", "Linux Foundation").containsEntry("LeadSource", "Web");
        assertThat(lead("ada@example.com")).as("a new record gets it").containsEntry("LeadSource", "Web");
        assertThat(SALESFORCE.calls()).extracting(call -> call.method() + " " + call.path()).containsExactly(
                "GET /services/data/v62.0/query", "PATCH /services/data/v62.0/composite/sobjects/Lead/Email");
        assertThat(URLDecoder.decode(SALESFORCE.calls().get(0).query(), StandardCharsets.UTF_8))
                .as("one query for the batch's current values")
                .startsWith("q=SELECT LeadSource, Email FROM Lead WHERE Email IN (");
        assertThat(AdminLists.items(http, "/admin/runs/{id}/records?key={key}", first.id(), "grace@example.com"))
                .singleElement().satisfies(record -> {
                    assertThat(record.get("keptFields")).isEqualTo(List.of("LeadSource"));
                    assertThat(record.get("payload")).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .doesNotContainKey("LeadSource").containsEntry("Company", "Univac");
                });
        assertThat(http.getForObject("/admin/runs/{id}", Map.class, first.id()).get("counts"))
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("fieldsKept", 1);

        WAREHOUSE.jdbc().update("UPDATE leads SET company = 'Babbage & Co', source = 'Partner' WHERE email = ?",
                "ada@example.com");
        SyncRun second = runner.run("leads", SyncRun.Trigger.MANUAL);

        assertThat(second.counts().updated()).isEqualTo(1);
        assertThat(second.counts().fieldsKept()).isEqualTo(1);
        assertThat(lead("ada@example.com")).as("the source it filled is now owned in Salesforce")
                .containsEntry("Company", "Babbage & Co").containsEntry("LeadSource", "Web");
    }

    private static Map<String, Object> lead(String email) {
        return SALESFORCE.findRecord("Lead", "Email", email).orElseThrow();
    }

    private static void lead(String email, String company, String lastName, String source) {
        WAREHOUSE.jdbc().update("INSERT INTO leads VALUES (?, ?, ?, ?)", email, company, lastName, source);
    }
}
