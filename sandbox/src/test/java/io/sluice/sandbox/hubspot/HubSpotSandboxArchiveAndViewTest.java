package io.sluice.sandbox.hubspot;

import static io.sluice.sandbox.hubspot.SandboxClient.contact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.hubspot.SandboxClient.Reply;

class HubSpotSandboxArchiveAndViewTest {

    private final HubSpotSandbox sandbox = HubSpotSandbox.start(0);
    private final SandboxClient http = new SandboxClient(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void archiveRemovesTheRecordsByIdAndIgnoresUnknownIds() {
        Reply created = http.upsert("contacts", List.of(contact("a@example.com"), contact("b@example.com")));
        String first = created.body().get("results").get(0).get("id").asText();

        Reply archived = http.archive("contacts", List.of(first, "999999"));

        assertThat(archived.status()).isEqualTo(204);
        assertThat(archived.text()).isEmpty();
        assertThat(sandbox.objects("contacts")).extracting(contact -> contact.property("email"))
                .containsExactly("b@example.com");
    }

    @Test
    void archivingMoreThanOneHundredIsRefused() {
        Reply refused = http.archive("contacts", IntStream.rangeClosed(1, 101).mapToObj(String::valueOf).toList());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("category").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void otherMethodsAndPathsAreRefused() {
        Reply get = http.send("GET", "/crm/v3/objects/contacts/batch/upsert", "Bearer " + sandbox.token(), null);
        Reply unknown = http.post("/crm/v3/objects/contacts/batch/merge", java.util.Map.of("inputs", List.of()));

        assertThat(get.status()).isEqualTo(405);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aLabelledPageAndAJsonViewShowWhatTheSandboxHolds() {
        http.upsert("contacts", List.of(contact("ada@example.com", "firstname", "Ada")));

        Reply page = http.get("/sandbox");
        Reply contacts = http.get("/sandbox/objects/contacts");
        Reply unknown = http.get("/sandbox/objects/widgets");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains(HubSpotView.BANNER, "contacts", "1 record");
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.body()).hasSize(1);
        assertThat(contacts.body().get(0).get("properties").get("firstname").asText()).isEqualTo("Ada");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(sandbox.requests()).as("the view is not API traffic").hasSize(1);
    }
}
