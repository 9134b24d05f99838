package io.sluice.sandbox.hubspot;

import static io.sluice.sandbox.hubspot.SandboxClient.contact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.hubspot.SandboxClient.Reply;

/** Batch read by a unique property, and the Lists v3 membership calls, as HubSpot answers them. */
class HubSpotSandboxListsTest {

    private final HubSpotSandbox sandbox = HubSpotSandbox.start(0);
    private final SandboxClient http = new SandboxClient(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void batchReadByEmailAnswersTheRecordsItHoldsAndNamesTheOthersInA207() {
        http.upsert("contacts", List.of(contact("ada@example.com", "firstname", "Ada")));

        Reply read = http.post("/crm/v3/objects/contacts/batch/read", Map.of("idProperty", "email",
                "properties", List.of("email", "firstname"),
                "inputs", List.of(Map.of("id", "ADA@example.com"), Map.of("id", "nobody@example.com"))));
        Reply byNonUniqueProperty = http.post("/crm/v3/objects/contacts/batch/read", Map.of("idProperty", "firstname",
                "inputs", List.of(Map.of("id", "Ada"))));

        assertThat(read.status()).isEqualTo(207);
        assertThat(read.body().path("results")).singleElement().satisfies(result -> {
            assertThat(result.path("properties").path("email").asText()).isEqualTo("ada@example.com");
            assertThat(result.path("properties").path("firstname").asText()).isEqualTo("Ada");
        });
        assertThat(read.body().path("errors").get(0).path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(read.body().path("errors").get(0).path("context").path("ids").get(0).asText())
                .isEqualTo("nobody@example.com");
        assertThat(byNonUniqueProperty.status()).isEqualTo(400);
    }

    @Test
    void aStaticListsMembersAreAddedAndRemovedByRecordId() {
        Reply created = http.upsert("contacts", List.of(contact("ada@example.com"), contact("grace@example.com")));
        String ada = created.body().get("results").get(0).get("id").asText();
        String grace = created.body().get("results").get(1).get("id").asText();
        String list = sandbox.createList("At risk", "contacts", "MANUAL");

        Reply added = put("/crm/v3/lists/" + list + "/memberships/add", "[\"" + ada + "\", \"" + grace + "\", \"999\"]");
        Reply again = put("/crm/v3/lists/" + list + "/memberships/add", "[\"" + ada + "\"]");
        Reply removed = put("/crm/v3/lists/" + list + "/memberships/remove", "[\"" + ada + "\"]");

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().path("recordsIdsAdded")).extracting(node -> node.asText()).containsExactly(ada, grace);
        assertThat(added.body().path("recordIdsMissing")).extracting(node -> node.asText()).containsExactly("999");
        assertThat(again.body().path("recordsIdsAdded")).as("a member already").isEmpty();
        assertThat(removed.body().path("recordIdsRemoved")).extracting(node -> node.asText()).containsExactly(ada);
        assertThat(sandbox.listMembers(list)).containsExactly(grace);
        assertThat(sandbox.objects("contacts")).as("records stay").hasSize(2);
        assertThat(http.get("/sandbox/lists").text()).contains("\"" + list + " At risk\":[\"" + grace + "\"]");
    }

    @Test
    void anUnknownListIsNotFoundAndADynamicListRefusesChanges() {
        String dynamic = sandbox.createList("Active", "contacts", "DYNAMIC");
        String manual = sandbox.createList("At risk", "contacts", "MANUAL");

        Reply unknown = put("/crm/v3/lists/404/memberships/add", "[\"1\"]");
        Reply refused = put("/crm/v3/lists/" + dynamic + "/memberships/add", "[\"1\"]");
        Reply notAnArray = put("/crm/v3/lists/" + manual + "/memberships/add", "{\"ids\": [\"1\"]}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("DYNAMIC");
        assertThat(notAnArray.status()).isEqualTo(400);
    }

    private Reply put(String path, String body) {
        return http.send("PUT", path, "Bearer " + sandbox.token(), body);
    }
}
