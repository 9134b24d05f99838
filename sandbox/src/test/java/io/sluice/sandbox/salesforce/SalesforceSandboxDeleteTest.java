package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SandboxHttp.Reply;

class SalesforceSandboxDeleteTest extends SandboxApiTestSupport {

    private static final String NEVER_EXISTED = "00Q000000009999EAA";

    @Test
    void deletesByIdAndAnswersPerId() {
        String ada = createLead("ada@example.com");
        String grace = createLead("grace@example.com");

        Reply reply = http.delete(token, List.of(ada, grace.substring(0, 15)), false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).hasSize(2);
        assertThat(reply.body().get(0).get("id").asText()).isEqualTo(ada);
        assertThat(reply.body().get(0).get("success").asBoolean()).isTrue();
        assertThat(reply.body().get(0).get("errors")).isEmpty();
        assertThat(reply.body().get(1).get("id").asText()).isEqualTo(grace);
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void deletedUnknownAndMalformedIdsFailAlone() {
        String ada = createLead("ada@example.com");
        String grace = createLead("grace@example.com");
        http.delete(token, List.of(ada), false);

        Reply reply = http.delete(token, List.of(ada, NEVER_EXISTED, "not-an-id", grace), false);

        assertRecordError(reply.body().get(0), "ENTITY_IS_DELETED", "entity is deleted");
        assertRecordError(reply.body().get(1), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        assertRecordError(reply.body().get(2), "MALFORMED_ID", "malformed id not-an-id");
        assertThat(reply.body().get(3).get("success").asBoolean()).isTrue();
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void allOrNoneKeepsEveryRecordWhenOneIdFails() {
        String ada = createLead("ada@example.com");

        Reply reply = http.delete(token, List.of(ada, NEVER_EXISTED), true);

        assertRecordError(reply.body().get(0), "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                SalesforceError.ROLLED_BACK_MESSAGE);
        assertRecordError(reply.body().get(1), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        assertThat(sandbox.records("Lead")).extracting(lead -> lead.get("Id")).containsExactly(ada);
    }

    @Test
    void moreThanTwoHundredIdsRefuseTheWholeRequest() {
        String ada = createLead("ada@example.com");
        List<String> ids = new ArrayList<>(Collections.nCopies(200, NEVER_EXISTED));
        ids.add(ada);

        Reply reply = http.delete(token, ids, false);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    private String createLead(String email) {
        Reply reply = http.upsert(token, "Lead", "Email", false, List.of(SandboxHttp.lead(email, "Acme")));
        return reply.body().get(0).get("id").asText();
    }

    private static void assertRecordError(JsonNode result, String statusCode, String message) {
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("errors").get(0).get("statusCode").asText()).isEqualTo(statusCode);
        assertThat(result.get("errors").get(0).get("message").asText()).isEqualTo(message);
    }
}
