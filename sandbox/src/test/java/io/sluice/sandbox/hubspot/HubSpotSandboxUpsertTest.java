package io.sluice.sandbox.hubspot;

import static io.sluice.sandbox.hubspot.SandboxClient.contact;
import static io.sluice.sandbox.hubspot.SandboxClient.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.hubspot.HubSpotSandbox.Property;
import io.sluice.sandbox.hubspot.SandboxClient.Reply;

class HubSpotSandboxUpsertTest {

    private final HubSpotSandbox sandbox = HubSpotSandbox.start(0);
    private final SandboxClient http = new SandboxClient(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void anUpsertCreatesThenUpdatesTheContactWithThatEmail() {
        Reply created = http.upsert("contacts", List.of(contact("Ada@Example.com", "firstname", "Ada")));
        Reply updated = http.upsert("contacts", List.of(contact("ada@example.com", "lastname", "Lovelace")));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().get("status").asText()).isEqualTo("COMPLETE");
        JsonNode first = created.body().get("results").get(0);
        assertThat(first.get("new").asBoolean()).isTrue();
        assertThat(first.get("archived").asBoolean()).isFalse();
        assertThat(first.get("properties").get("email").asText()).isEqualTo("ada@example.com");
        assertThat(created.body().has("errors")).isFalse();

        JsonNode second = updated.body().get("results").get(0);
        assertThat(second.get("new").asBoolean()).isFalse();
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(sandbox.objects("contacts")).singleElement().satisfies(contact -> assertThat(contact.properties())
                .containsEntry("email", "ada@example.com")
                .containsEntry("firstname", "Ada")
                .containsEntry("lastname", "Lovelace")
                .containsEntry("hs_object_id", contact.id()));
    }

    @Test
    void invalidValuesFailTheirInputsInA207AndTheOthersAreWritten() {
        Reply reply = http.upsert("contacts", List.of(
                contact("ok@example.com", "firstname", "Okafor"),
                contact("billing@@example.org", "firstname", "Billing"),
                contact("colour@example.com", "favourite_colour", "teal")));

        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.body().get("numErrors").asInt()).isEqualTo(2);
        assertThat(reply.body().get("results")).hasSize(1);
        JsonNode invalidEmail = error(reply, "billing@@example.org");
        assertThat(invalidEmail.get("status").asText()).isEqualTo("error");
        assertThat(invalidEmail.get("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(invalidEmail.get("message").asText()).startsWith("Property values were not valid: [")
                .contains("\"error\":\"INVALID_EMAIL\"", "Email address billing@@example.org is invalid");
        assertThat(invalidEmail.get("errors").get(0).get("code").asText()).isEqualTo("INVALID_EMAIL");
        JsonNode unknownProperty = error(reply, "colour@example.com");
        assertThat(unknownProperty.get("message").asText())
                .contains("\"error\":\"PROPERTY_DOESNT_EXIST\"", "Property \\\"favourite_colour\\\" does not exist");
        assertThat(sandbox.objects("contacts")).extracting(contact -> contact.property("email"))
                .containsExactly("ok@example.com");
    }

    @Test
    void valuesAreCheckedAgainstThePropertyType() {
        sandbox.defineProperties("contacts", Property.number("lifetime_value"), Property.datetime("last_seen_at"),
                Property.enumeration("tier", "free", "pro"));

        Reply reply = http.upsert("contacts", List.of(
                contact("good@example.com", "lifetime_value", "1200.50", "last_seen_at", "2026-11-25T09:30:00Z",
                        "tier", "pro", "lifecyclestage", "customer"),
                contact("number@example.com", "lifetime_value", "lots"),
                contact("date@example.com", "last_seen_at", "yesterday"),
                contact("option@example.com", "tier", "platinum"),
                contact("readonly@example.com", "hs_object_id", "5")));

        assertThat(reply.body().get("results")).hasSize(1);
        assertThat(error(reply, "number@example.com").get("message").asText()).contains("INVALID_FLOAT");
        assertThat(error(reply, "date@example.com").get("message").asText()).contains("INVALID_DATETIME");
        assertThat(error(reply, "option@example.com").get("message").asText()).contains("INVALID_OPTION", "platinum");
        assertThat(error(reply, "readonly@example.com").get("message").asText()).contains("READ_ONLY_VALUE");
    }

    @Test
    void anEmptyValueClearsAProperty() {
        http.upsert("contacts", List.of(contact("ada@example.com", "firstname", "Ada", "phone", "555")));
        Map<String, Object> clearing = contact("ada@example.com", "phone", "");

        http.upsert("contacts", List.of(clearing));

        assertThat(sandbox.findObject("contacts", "email", "ADA@example.com")).get()
                .satisfies(contact -> assertThat(contact.properties()).containsEntry("firstname", "Ada")
                        .doesNotContainKey("phone"));
    }

    @Test
    void moreThanOneHundredInputsAreRefusedAsAWhole() {
        Reply reply = http.upsert("contacts", SandboxClient.contacts(101));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.body().get("message").asText()).contains("101", "100");
        assertThat(reply.body().get("correlationId").asText()).isNotBlank();
        assertThat(sandbox.objects("contacts")).isEmpty();
        assertThat(http.upsert("contacts", SandboxClient.contacts(100)).status()).isEqualTo(200);
    }

    @Test
    void aBatchNamingOneRecordTwiceIsRefused() {
        Reply reply = http.upsert("contacts", List.of(contact("a@example.com"), contact("A@example.com")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).startsWith("Duplicate IDs found in batch input");
        assertThat(sandbox.objects("contacts")).isEmpty();
    }

    @Test
    void upsertsMatchOnlyOnUniqueProperties() {
        Reply nonUnique = http.upsert("contacts", List.of(input("Ada", "firstname", Map.of())));
        Reply unknown = http.upsert("contacts", List.of(input("x", "no_such_property", Map.of())));
        Reply missing = http.post("/crm/v3/objects/contacts/batch/upsert",
                Map.of("inputs", List.of(Map.of("id", "a@example.com", "properties", Map.of()))));

        assertThat(nonUnique.status()).isEqualTo(400);
        assertThat(nonUnique.body().get("message").asText())
                .isEqualTo("Unable to perform update/upsert by non-unique 0-1 property firstname");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("message").asText()).contains("no_such_property", "does not exist");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("message").asText()).contains("idProperty");
    }

    @Test
    void anUnknownObjectTypeCannotBeInferred() {
        Reply reply = http.upsert("widgets", List.of(contact("a@example.com")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).isEqualTo("Unable to infer object type from: widgets");
    }

    @Test
    void customObjectsAreReachedByNameAndByObjectTypeId() {
        String objectTypeId = sandbox.defineCustomObject("custom_thing", Property.uniqueText("thing_key"),
                Property.text("label"));

        Reply byName = http.upsert("p_custom_thing", List.of(input("T-1", "thing_key", Map.of("label", "One"))));
        Reply byId = http.upsert(objectTypeId, List.of(input("T-1", "thing_key", Map.of("label", "Uno"))));
        Reply qualified = http.upsert("p" + HubSpotSandbox.PORTAL_ID + "_custom_thing",
                List.of(input("T-2", "thing_key", Map.of("label", "Two"))));

        assertThat(objectTypeId).matches("2-\\d+");
        assertThat(List.of(byName.status(), byId.status(), qualified.status())).containsOnly(200);
        assertThat(byId.body().get("results").get(0).get("new").asBoolean()).isFalse();
        assertThat(sandbox.objects("p_custom_thing")).extracting(thing -> thing.property("label"))
                .containsExactly("Uno", "Two");
        assertThat(sandbox.objects("contacts")).isEmpty();
    }

    @Test
    void aPropertyCreatedThroughThePropertiesApiCanBeWritten() {
        Map<String, Object> definition = Map.of("name", "favourite_colour", "label", "Favourite colour",
                "type", "string", "fieldType", "text", "groupName", "contactinformation");

        Reply created = http.post("/crm/v3/properties/contacts", definition);
        Reply again = http.post("/crm/v3/properties/contacts", definition);
        Reply written = http.upsert("contacts", List.of(contact("ada@example.com", "favourite_colour", "teal")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("name").asText()).isEqualTo("favourite_colour");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("category").asText()).isEqualTo("OBJECT_ALREADY_EXISTS");
        assertThat(written.status()).isEqualTo(200);
        assertThat(sandbox.findObject("contacts", "email", "ada@example.com")).get()
                .extracting(contact -> contact.property("favourite_colour")).isEqualTo("teal");
    }

    @Test
    void malformedBodiesAreRefused() {
        Reply notJson = http.send("POST", "/crm/v3/objects/contacts/batch/upsert", "Bearer " + sandbox.token(), "{");
        Reply noInputs = http.post("/crm/v3/objects/contacts/batch/upsert", Map.of("records", List.of()));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("message").asText()).startsWith("Invalid input JSON on line 1");
        assertThat(noInputs.status()).isEqualTo(400);
        assertThat(noInputs.body().get("category").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void definingAPropertyTwiceIsAMistake() {
        assertThatThrownBy(() -> sandbox.defineProperties("contacts", Property.text("email")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> sandbox.objects("widgets")).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode error(Reply reply, String id) {
        for (JsonNode error : reply.body().get("errors")) {
            if (error.get("context").get("ids").get(0).asText().equals(id)) {
                return error;
            }
        }
        throw new AssertionError("no error for " + id + " in " + reply.text());
    }
}
