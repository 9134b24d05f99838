package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SandboxHttp.Reply;

/** Campaign members created through sObject Collections, and the SOQL a lookup needs, as Salesforce answers. */
class SalesforceSandboxCampaignTest extends SandboxApiTestSupport {

    @Test
    void aContactIsACampaignsMemberOnceAndNeedsACampaignAndAContactOrLead() {
        String campaign = sandbox.createRecord("Campaign", Map.of("Name", "Win-back"));
        String contact = sandbox.createRecord("Contact", Map.of("LastName", "Lovelace", "Email", "ada@example.com"));

        Reply created = create(List.of(
                member(Map.of("CampaignId", campaign, "ContactId", contact)),
                member(Map.of("CampaignId", campaign, "ContactId", contact)),
                member(Map.of("CampaignId", campaign)),
                member(Map.of("ContactId", contact)),
                member(Map.of("CampaignId", "701000000000999", "ContactId", contact)),
                member(Map.of("CampaignId", campaign, "LeadId", contact))));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().get(0).path("success").asBoolean()).isTrue();
        assertThat(created.body()).extracting(result -> result.path("errors").path(0).path("statusCode").asText())
                .containsExactly("", "DUPLICATE_VALUE", "REQUIRED_FIELD_MISSING", "REQUIRED_FIELD_MISSING",
                        "INVALID_CROSS_REFERENCE_KEY", "INVALID_CROSS_REFERENCE_KEY");
        assertThat(created.body().get(1).path("errors").path(0).path("message").asText())
                .isEqualTo("Already a campaign member.");
        assertThat(sandbox.campaignMembers(campaign)).containsExactly(contact);
    }

    @Test
    void aQueryFindsRecordsByValuesWithEscapedQuotesAndRefusesWhatItCannotRead() {
        String ada = sandbox.createRecord("Contact", Map.of("LastName", "Lovelace", "Email", "ada@example.com"));
        String quoted = sandbox.createRecord("Contact", Map.of("LastName", "O'Brien", "Email", "o'brien@example.com"));
        sandbox.createRecord("Contact", Map.of("LastName", "Hopper", "Email", "grace@example.com"));

        Reply found = query("SELECT Id, Email FROM Contact WHERE Email IN ('ADA@example.com', 'o\\'brien@example.com')");
        Reply malformed = query("SELECT Id FROM Contact WHERE Email LIKE 'a%'");
        Reply unknownField = query("SELECT Id FROM Contact WHERE Colour = 'teal'");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("totalSize").asInt()).isEqualTo(2);
        assertThat(found.body().path("records")).extracting(record -> record.path("Id").asText())
                .containsExactly(ada, quoted);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
        assertThat(unknownField.body().get(0).path("errorCode").asText()).isEqualTo("INVALID_FIELD");
    }

    private Reply create(List<Map<String, Object>> records) {
        return http.call("POST", SandboxHttp.API + "/composite/sobjects", token,
                Map.of("allOrNone", false, "records", records));
    }

    private Reply query(String soql) {
        return http.call("GET", SandboxHttp.API + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8),
                token, null);
    }

    private static Map<String, Object> member(Map<String, Object> fields) {
        return SandboxHttp.typed("CampaignMember", fields);
    }
}
