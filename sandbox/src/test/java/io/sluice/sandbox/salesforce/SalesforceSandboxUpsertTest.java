package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SandboxHttp.Reply;

class SalesforceSandboxUpsertTest extends SandboxApiTestSupport {

    @Test
    void upsertCreatesThenUpdatesTheSameRecord() {
        Reply created = upsertLeads(false, SandboxHttp.lead("ada@example.com", "Analytical Engines"));
        Map<String, Object> update = new HashMap<>(Map.of("Email", "ADA@example.com", "Company", "Babbage & Co"));
        update.put("LastName", null);
        update.put("Title", "Countess");
        Reply updated = upsertLeads(false, update);

        assertThat(created.status()).isEqualTo(200);
        JsonNode first = created.body().get(0);
        assertThat(first.get("id").asText()).hasSize(18).startsWith("00Q");
        assertThat(first.get("success").asBoolean()).isTrue();
        assertThat(first.get("created").asBoolean()).isTrue();
        assertThat(first.get("errors")).isEmpty();

        JsonNode second = updated.body().get(0);
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(second.get("created").asBoolean()).isFalse();

        assertThat(sandbox.records("Lead")).singleElement().satisfies(lead -> {
            assertThat(lead).containsEntry("Id", first.get("id").asText())
                    .containsEntry("Email", "ADA@example.com")
                    .containsEntry("Company", "Babbage & Co")
                    .containsEntry("Title", "Countess")
                    .doesNotContainKey("LastName");
        });
        assertThat(sandbox.findRecord("Lead", "email", "ada@EXAMPLE.com")).isPresent();
    }

    @Test
    void fieldNamesMatchCaseInsensitivelyAndAreStoredUnderTheirRealName() {
        Reply reply = http.upsert(token, "lead", "email", false,
                List.of(Map.of("email", "x@example.com", "COMPANY", "Acme", "Ext_Key__c", "K-1")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(sandbox.records("Lead")).singleElement().satisfies(lead -> assertThat(lead)
                .containsEntry("Email", "x@example.com")
                .containsEntry("Company", "Acme")
                .containsEntry("Ext_Key__c", "K-1"));
    }

    @Test
    void upToTwoHundredRecordsAreAcceptedAndMoreRefuseTheWholeRequest() {
        Reply accepted = upsertLeads(false, leads(200));
        Reply refused = upsertLeads(false, leads(201));

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body()).hasSize(200);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(refused.error().get("message").asText())
                .isEqualTo("record limit reached. cannot submit more than 200 records into this call");
        assertThat(sandbox.records("Lead")).hasSize(200);
    }

    @Test
    void everyRecordMustNameItsTypeAndItMustBeTheTypeInTheUrl() {
        Map<String, Object> typed = SandboxHttp.typed("Lead", SandboxHttp.lead("b@example.com", "Acme"));
        Map<String, Object> untyped = SandboxHttp.lead("a@example.com", "Acme");
        Reply missingType = http.call("PATCH", SandboxHttp.API + "/composite/sobjects/Lead/Email", token,
                Map.of("allOrNone", false, "records", List.of(typed, untyped)));
        Reply wrongType = http.call("PATCH", SandboxHttp.API + "/composite/sobjects/Lead/Email", token,
                Map.of("records", List.of(SandboxHttp.typed("Contact", SandboxHttp.lead("c@example.com", "Acme")))));

        assertThat(missingType.status()).isEqualTo(400);
        assertThat(missingType.error().get("errorCode").asText()).isEqualTo("INVALID_TYPE");
        assertThat(missingType.error().get("message").asText()).isEqualTo("Must send a concrete entity type.");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error().get("errorCode").asText()).isEqualTo("INVALID_TYPE");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void unknownObjectsAndExternalIdFieldsAreNotFound() {
        Reply unknownObject = http.upsert(token, "Prospect__x", "Email", false, List.of(Map.of("Email", "a@b.com")));
        Reply unknownField = upsertBy("Missing__x", SandboxHttp.lead("a@example.com", "Acme"));
        Reply notAnExternalId = upsertBy("Company", SandboxHttp.lead("a@example.com", "Acme"));

        assertThat(unknownObject.status()).isEqualTo(404);
        assertThat(unknownObject.error().get("errorCode").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknownObject.error().get("message").asText()).isEqualTo("The requested resource does not exist");
        assertThat(unknownField.status()).isEqualTo(404);
        assertThat(unknownField.error().get("message").asText())
                .isEqualTo("Provided external ID field does not exist or is not accessible: Missing__x");
        assertThat(notAnExternalId.status()).isEqualTo(400);
        assertThat(notAnExternalId.error().get("errorCode").asText()).isEqualTo("INVALID_FIELD");
    }

    @Test
    void aFieldTheObjectDoesNotHaveRefusesTheWholeRequest() {
        Map<String, Object> withUnknownField = new LinkedHashMap<>(SandboxHttp.lead("b@example.com", "Acme"));
        withUnknownField.put("Shoe_Size", 42);

        Reply reply = upsertLeads(false, SandboxHttp.lead("a@example.com", "Acme"), withUnknownField);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(reply.error().get("message").asText())
                .isEqualTo("No such column 'Shoe_Size' on sobject of type Lead");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void invalidRecordsFailAloneWhileTheOthersAreSaved() {
        Map<String, Object> noCompany = new LinkedHashMap<>(SandboxHttp.lead("c@example.com", ""));
        Reply reply = upsertLeads(false,
                SandboxHttp.lead("a@example.com", "Acme"),
                SandboxHttp.lead("not-an-email", "Acme"),
                noCompany,
                SandboxHttp.lead("d@example.com", "x".repeat(256)));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.body();
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertRecordError(results.get(1), "INVALID_EMAIL_ADDRESS", "Email: invalid email address: not-an-email",
                "Email");
        assertRecordError(results.get(2), "REQUIRED_FIELD_MISSING", "Required fields are missing: [Company]",
                "Company");
        assertThat(results.get(3).get("errors").get(0).get("statusCode").asText()).isEqualTo("STRING_TOO_LONG");
        assertThat(results.get(3).get("errors").get(0).get("message").asText()).endsWith("(max length=255)");
        assertThat(sandbox.records("Lead")).extracting(lead -> lead.get("Email")).containsExactly("a@example.com");
    }

    @Test
    void emailAddressesAreLimitedToEightyCharacters() {
        String longEmail = "a".repeat(70) + "@example.com";

        Reply reply = upsertLeads(false, SandboxHttp.lead(longEmail, "Acme"));

        assertRecordError(reply.body().get(0), "STRING_TOO_LONG",
                "Email: data value too large: " + longEmail + " (max length=80)", "Email");
    }

    @Test
    void anUpdateMayOmitRequiredFieldsButNotClearThem() {
        upsertLeads(false, SandboxHttp.lead("a@example.com", "Acme"));
        Map<String, Object> clearsCompany = new HashMap<>(Map.of("Email", "a@example.com"));
        clearsCompany.put("Company", null);

        Reply omits = upsertLeads(false, Map.of("Email", "a@example.com", "Title", "CTO"));
        Reply clears = upsertLeads(false, clearsCompany);

        assertThat(omits.body().get(0).get("success").asBoolean()).isTrue();
        assertRecordError(clears.body().get(0), "REQUIRED_FIELD_MISSING", "Required fields are missing: [Company]",
                "Company");
        assertThat(sandbox.findRecord("Lead", "Email", "a@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("Company", "Acme").containsEntry("Title", "CTO"));
    }

    @Test
    void requiredFieldsCanBeConfiguredPerObject() {
        sandbox.requireFields("Lead", "Company", "lastname");

        Reply reply = upsertLeads(false, Map.of("Email", "a@example.com"));

        assertRecordError(reply.body().get(0), "REQUIRED_FIELD_MISSING",
                "Required fields are missing: [Company, LastName]", "Company", "LastName");
    }

    @Test
    void recordsWithoutAnExternalIdOrSharingOneInTheBatchFail() {
        Reply reply = upsertLeads(false,
                Map.of("Company", "Acme"),
                SandboxHttp.lead("twin@example.com", "Acme"),
                SandboxHttp.lead("TWIN@example.com", "Acme"),
                SandboxHttp.lead("solo@example.com", "Acme"));

        assertRecordError(reply.body().get(0), "MISSING_ARGUMENT", "Email not specified", "Email");
        assertRecordError(reply.body().get(1), "DUPLICATE_EXTERNAL_ID",
                "Duplicate external id specified: twin@example.com", "Email");
        assertThat(reply.body().get(2).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("DUPLICATE_EXTERNAL_ID");
        assertThat(reply.body().get(3).get("success").asBoolean()).isTrue();
    }

    @Test
    void allOrNoneRollsEveryRecordBackWhenOneFails() {
        Reply reply = upsertLeads(true,
                SandboxHttp.lead("a@example.com", "Acme"),
                SandboxHttp.lead("broken", "Acme"),
                SandboxHttp.lead("c@example.com", "Acme"));

        assertThat(reply.status()).isEqualTo(200);
        assertRecordError(reply.body().get(1), "INVALID_EMAIL_ADDRESS", "Email: invalid email address: broken",
                "Email");
        for (int rolledBack : List.of(0, 2)) {
            JsonNode result = reply.body().get(rolledBack);
            assertThat(result.has("id")).isFalse();
            assertRecordError(result, "ALL_OR_NONE_OPERATION_ROLLED_BACK", SalesforceError.ROLLED_BACK_MESSAGE);
        }
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeFailsTheWholeRequestAsAParserError() {
        Map<String, Object> words = new HashMap<>(SandboxHttp.lead("typed@example.com", "Acme"));
        words.put("NumberOfEmployees", "about forty");
        Map<String, Object> yes = new HashMap<>(SandboxHttp.lead("flag@example.com", "Acme"));
        yes.put("DoNotCall", "yes");
        Map<String, Object> asText = new HashMap<>(SandboxHttp.lead("text@example.com", "Acme"));
        asText.put("NumberOfEmployees", "42");
        asText.put("DoNotCall", "true");

        Reply wordsReply = upsertLeads(false, SandboxHttp.lead("fine@example.com", "Acme"), words);
        Reply yesReply = upsertLeads(false, yes);
        Reply asTextReply = upsertLeads(false, asText);

        assertThat(wordsReply.status()).isEqualTo(400);
        assertThat(wordsReply.error().get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
        assertThat(wordsReply.error().get("message").asText()).contains("about forty");
        assertThat(yesReply.status()).isEqualTo(400);
        assertThat(yesReply.error().get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
        assertThat(asTextReply.status()).as("numbers and booleans written as text are read").isEqualTo(200);
        assertThat(sandbox.records("Lead")).extracting(lead -> lead.get("Email")).containsExactly("text@example.com");
    }

    @Test
    void malformedBodiesAreParserErrors() {
        Reply notJson = http.callRaw("PATCH", SandboxHttp.API + "/composite/sobjects/Lead/Email",
                "Bearer " + token, "{\"records\": [");
        Reply misspelledParameter = http.call("PATCH", SandboxHttp.API + "/composite/sobjects/Lead/Email", token,
                Map.of("allornone", true, "records", List.of()));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error().get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
        assertThat(misspelledParameter.status()).isEqualTo(400);
        assertThat(misspelledParameter.error().get("message").asText())
                .isEqualTo("Unexpected parameter encountered during deserialization: allornone");
    }

    @Test
    void singleUpsertAnswersCreatedThenOk() {
        String path = SandboxHttp.API + "/sobjects/Lead/Email/grace%2Bnavy@example.com";

        Reply created = http.call("PATCH", path, token, Map.of("Company", "US Navy"));
        Reply updated = http.call("PATCH", path, token, Map.of("Title", "Rear Admiral"));
        Reply invalid = http.call("PATCH", SandboxHttp.API + "/sobjects/Lead/Email/nobody", token,
                Map.of("Company", "X"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("created").asBoolean()).isTrue();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("created").asBoolean()).isFalse();
        assertThat(updated.body().get("id").asText()).isEqualTo(created.body().get("id").asText());
        assertThat(sandbox.findRecord("Lead", "Email", "grace+navy@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("Title", "Rear Admiral"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error().get("errorCode").asText()).isEqualTo("INVALID_EMAIL_ADDRESS");
        assertThat(invalid.error().get("fields")).extracting(JsonNode::asText).containsExactly("Email");
    }

    @Test
    void anExternalIdMatchingSeveralRecordsIsAmbiguous() {
        upsertBy("Ext_Key__c", Map.of("Ext_Key__c", "K-1", "Email", "same@example.com", "Company", "Acme"));
        upsertBy("Ext_Key__c", Map.of("Ext_Key__c", "K-2", "Email", "same@example.com", "Company", "Acme"));

        Reply single = http.call("PATCH", SandboxHttp.API + "/sobjects/Lead/Email/same@example.com", token,
                Map.of("Title", "CEO"));
        Reply collection = upsertLeads(false, SandboxHttp.lead("same@example.com", "Acme"));

        assertThat(single.status()).isEqualTo(300);
        assertThat(single.body()).hasSize(2);
        assertThat(single.body().get(0).asText()).startsWith(SandboxHttp.API + "/sobjects/Lead/00Q");
        assertThat(collection.body().get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("DUPLICATE_EXTERNAL_ID");
    }

    @SafeVarargs
    private Reply upsertLeads(boolean allOrNone, Map<String, Object>... leads) {
        return upsertLeads(allOrNone, List.of(leads));
    }

    private Reply upsertLeads(boolean allOrNone, List<Map<String, Object>> leads) {
        return http.upsert(token, "Lead", "Email", allOrNone, leads);
    }

    private Reply upsertBy(String externalIdField, Map<String, Object> lead) {
        return http.upsert(token, "Lead", externalIdField, false, List.of(lead));
    }

    private static List<Map<String, Object>> leads(int count) {
        List<Map<String, Object>> leads = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> leads.add(SandboxHttp.lead("lead" + i + "@example.com", "Acme")));
        return leads;
    }

    private static void assertRecordError(JsonNode result, String statusCode, String message, String... fields) {
        assertThat(result.get("success").asBoolean()).isFalse();
        JsonNode error = result.get("errors").get(0);
        assertThat(error.get("statusCode").asText()).isEqualTo(statusCode);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(error.get("fields")).extracting(JsonNode::asText).containsExactly(fields);
    }
}
