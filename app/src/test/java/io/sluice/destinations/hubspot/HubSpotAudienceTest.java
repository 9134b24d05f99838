package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.CrmObject;
import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * A segment mirrored onto a static HubSpot list: contacts join the list when they enter the segment and leave it
 * when they leave the segment; no contact is ever created, changed or archived.
 */
class HubSpotAudienceTest extends HubSpotSyncTestSupport {

    static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0, "pat-na1-audience-test");
    static final TestDatabase WAREHOUSE = TestDatabases.h2("hubspot_audience_warehouse");

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE SCHEMA analytics");
        WAREHOUSE.jdbc().execute("CREATE TABLE analytics.customer_segments (email VARCHAR(200), segment_name VARCHAR(40))");
        configure(registry, HUBSPOT, WAREHOUSE, Map.of(
                "at_risk.yaml", audienceSync("1"),
                "dynamic_list.yaml", audienceSync("2")));
    }

    private static String audienceSync(String listId) {
        return """
                model:
                  name: at_risk
                  primary_key: email
                  query: SELECT email FROM analytics.customer_segments WHERE segment_name = 'high_value_at_risk'
                destination: hubspot
                object: contacts
                external_id_field: email
                mapping:
                  email: {field: email, transform: lowercase}
                hubspot:
                  list_id: %s
                schedule: manual
                sync_mode: mirror
                """.formatted(listId);
    }

    @BeforeEach
    void contactsAndLists() {
        HUBSPOT.reset();
        WAREHOUSE.jdbc().update("DELETE FROM analytics.customer_segments");
        for (String email : List.of("ada@example.com", "grace@example.com", "linus@example.com")) {
            HUBSPOT.putObject("contacts", "email", Map.of("email", email, "firstname", email.substring(0, 3)));
        }
        assertThat(HUBSPOT.createList("High value at risk", "contacts", "MANUAL")).isEqualTo("1");
        assertThat(HUBSPOT.createList("Active customers", "contacts", "DYNAMIC")).isEqualTo("2");
    }

    @Test
    void membersJoinAndLeaveTheListAsTheSegmentChangesAndNoContactIsWritten() {
        segment("Ada@Example.com", "grace@example.com", "nobody@example.com");
        WAREHOUSE.jdbc().update("INSERT INTO analytics.customer_segments VALUES ('linus@example.com', 'loyal')");
        List<CrmObject> contactsBefore = HUBSPOT.objects("contacts");

        SyncRun first = runner.run("at_risk", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(first.counts().created()).isEqualTo(2);
        assertThat(HUBSPOT.listMembers("1")).containsExactlyInAnyOrder(id("ada@example.com"), id("grace@example.com"));
        assertThat(deadLetters("at_risk", "open")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("recordKey", "nobody@example.com")
                    .containsEntry("errorCode", "MEMBER_NOT_FOUND");
            assertThat(letter.get("errorMessage").toString()).contains("no contacts record has email 'nobody@example.com'");
        });
        assertThat(HUBSPOT.requests()).extracting(RecordedRequest::method, RecordedRequest::path,
                RecordedRequest::inputs).containsExactly(
                tuple("POST", "/crm/v3/objects/contacts/batch/read", 3),
                tuple("PUT", "/crm/v3/lists/1/memberships/add", 2));

        // Ada leaves the segment, Linus joins it
        WAREHOUSE.jdbc().update("DELETE FROM analytics.customer_segments WHERE email = 'Ada@Example.com'");
        WAREHOUSE.jdbc().update("UPDATE analytics.customer_segments SET segment_name = 'high_value_at_risk' "
                + "WHERE email = 'linus@example.com'");
        SyncRun second = runner.run("at_risk", SyncRun.Trigger.MANUAL);

        assertThat(second.counts().created()).isEqualTo(1);
        assertThat(second.counts().deleted()).as("removed from the list").isEqualTo(1);
        assertThat(HUBSPOT.listMembers("1")).containsExactlyInAnyOrder(id("grace@example.com"), id("linus@example.com"));
        assertThat(HUBSPOT.requests()).extracting(RecordedRequest::path).contains(
                "/crm/v3/lists/1/memberships/remove").noneMatch(path -> path.contains("/batch/upsert")
                || path.contains("/batch/archive"));
        assertThat(HUBSPOT.objects("contacts")).as("every contact kept, unchanged").isEqualTo(contactsBefore);

        assertThat(runner.run("at_risk", SyncRun.Trigger.MANUAL).counts().unchanged())
                .as("the two members and the dead letter, which waits for a replay").isEqualTo(3);
    }

    @Test
    void aListWhoseFiltersDecideItsMembersRefusesTheBatchWithHubSpotsMessage() {
        segment("ada@example.com");

        SyncRun run = runner.run("dynamic_list", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(HUBSPOT.listMembers("2")).isEmpty();
        assertThat(deadLetters("dynamic_list", "open")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("errorCode", "VALIDATION_ERROR");
            assertThat(letter.get("errorMessage").toString()).contains("processingType DYNAMIC");
        });
    }

    private static void segment(String... emails) {
        for (String email : emails) {
            WAREHOUSE.jdbc().update("INSERT INTO analytics.customer_segments VALUES (?, 'high_value_at_risk')", email);
        }
    }

    private static String id(String email) {
        return HUBSPOT.findObject("contacts", "email", email).orElseThrow().id();
    }
}
