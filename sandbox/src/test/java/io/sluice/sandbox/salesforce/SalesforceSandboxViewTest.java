package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SandboxHttp.Reply;

class SalesforceSandboxViewTest extends SandboxApiTestSupport {

    @Test
    void theOverviewSaysItIsNotARealOrg() {
        Reply overview = http.get("/sandbox");

        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.text()).contains("not a real Salesforce org");
    }

    @Test
    void recordsCanBeReadWithoutAToken() {
        http.upsert(token, "Lead", "Email", false, List.of(SandboxHttp.lead("view@example.com", "Acme")));

        Reply leads = http.get("/sandbox/objects/Lead");

        assertThat(leads.status()).isEqualTo(200);
        assertThat(leads.body()).singleElement().satisfies(lead ->
                assertThat(lead.get("Email").asText()).isEqualTo("view@example.com"));
    }

    @Test
    void aDemoUserCanDropARequiredFieldLikeAnOrgAdminWould() {
        Reply before = http.upsert(token, "Lead", "Email", false, List.of(SandboxHttp.lead("nocompany@example.com", null)));
        assertThat(before.body().get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("REQUIRED_FIELD_MISSING");

        Reply changed = http.put("/sandbox/objects/Lead/required-fields", "[]");
        Reply after = http.upsert(token, "Lead", "Email", false, List.of(SandboxHttp.lead("nocompany@example.com", null)));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(after.body().get(0).get("success").asBoolean()).isTrue();
    }

    @Test
    void anUnknownObjectOrFieldIsRefused() {
        assertThat(http.put("/sandbox/objects/Opportunity/required-fields", "[]").status()).isEqualTo(400);
        assertThat(http.put("/sandbox/objects/Lead/required-fields", "[\"NoSuchField\"]").status()).isEqualTo(400);
        assertThat(http.put("/sandbox/objects/Lead/required-fields", "not json").status()).isEqualTo(400);
    }
}
