package io.sluice.destinations.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * A segment mirrored onto a Salesforce campaign: Contacts become CampaignMembers when they enter the segment and
 * leave the campaign when they leave it; no Contact is ever created, changed or deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SalesforceCampaignTest {

    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.h2("campaign_warehouse");
    private static final String CAMPAIGN = SALESFORCE.createRecord("Campaign", Map.of("Name", "Win-back"));

    @Autowired
    SyncRunner runner;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createTempDirectory("sluice-campaign-routes");
        Files.writeString(routes.resolve("win_back.yaml"), """
                model:
                  name: win_back
                  primary_key: email
                  query: SELECT email FROM customer_segments WHERE segment_name = 'high_value_at_risk'
                destination: salesforce
                object: Contact
                external_id_field: Email
                mapping:
                  email: Email
                salesforce:
                  campaign_id: %s
                schedule: manual
                sync_mode: mirror
                """.formatted(CAMPAIGN));
        WAREHOUSE.jdbc().execute("CREATE TABLE customer_segments (email VARCHAR(200), segment_name VARCHAR(40))");
        SluiceTestProperties.register(registry, routes, WAREHOUSE, TestDatabases.h2("campaign_state"), SALESFORCE);
    }

    @Test
    void membersJoinAndLeaveTheCampaignAsTheSegmentChangesAndNoContactIsWritten() {
        String ada = contact("Lovelace", "ada@example.com");
        String grace = contact("Hopper", "grace@example.com");
        String linus = contact("Torvalds", "linus@example.com");
        String quoted = contact("O'Brien", "o'brien@example.com");
        // a sales rep put Grace on the campaign by hand already
        SALESFORCE.createRecord("CampaignMember", Map.of("CampaignId", CAMPAIGN, "ContactId", grace));
        segment("ADA@example.com", "grace@example.com", "o'brien@example.com", "nobody@example.com");
        List<Map<String, Object>> contactsBefore = SALESFORCE.records("Contact");

        SyncRun first = runner.run("win_back", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(first.counts().created()).as("Ada and O'Brien joined").isEqualTo(2);
        assertThat(first.counts().updated()).as("Grace was a member already").isEqualTo(1);
        assertThat(SALESFORCE.campaignMembers(CAMPAIGN)).containsExactlyInAnyOrder(grace, ada, quoted);
        assertThat(AdminLists.items(http, "/admin/dead-letters?sync=win_back&status=open")).singleElement()
                .satisfies(letter -> {
                    assertThat(letter).containsEntry("recordKey", "nobody@example.com")
                            .containsEntry("errorCode", "MEMBER_NOT_FOUND");
                    assertThat(letter.get("errorMessage").toString())
                            .contains("no Contact record has Email 'nobody@example.com'");
                });
        assertThat(SALESFORCE.calls()).extracting(call -> call.method() + " " + call.path()).containsExactly(
                "GET /services/data/v62.0/query", "POST /services/data/v62.0/composite/sobjects");
        assertThat(URLDecoder.decode(SALESFORCE.calls().get(0).query(), StandardCharsets.UTF_8))
                .as("one query for the batch, a quote in a value escaped")
                .startsWith("q=SELECT Id, Email FROM Contact WHERE Email IN (")
                .contains("'ADA@example.com'", "'o\\'brien@example.com'", "'nobody@example.com'");

        segmentLeaves("ADA@example.com");
        segment("linus@example.com");
        SyncRun second = runner.run("win_back", SyncRun.Trigger.MANUAL);

        assertThat(second.counts().created()).isEqualTo(1);
        assertThat(second.counts().deleted()).as("Ada left the campaign").isEqualTo(1);
        assertThat(SALESFORCE.campaignMembers(CAMPAIGN)).containsExactlyInAnyOrder(grace, quoted, linus);
        assertThat(SALESFORCE.records("Contact")).as("every contact kept, unchanged").isEqualTo(contactsBefore);
        assertThat(SALESFORCE.findRecord("Contact", "Id", ada)).isPresent();
    }

    private static String contact(String lastName, String email) {
        return SALESFORCE.createRecord("Contact", Map.of("LastName", lastName, "Email", email));
    }

    private static void segment(String... emails) {
        for (String email : emails) {
            WAREHOUSE.jdbc().update("INSERT INTO customer_segments VALUES (?, 'high_value_at_risk')", email);
        }
    }

    private static void segmentLeaves(String email) {
        WAREHOUSE.jdbc().update("DELETE FROM customer_segments WHERE email = ?", email);
    }
}
