package io.sluice.destinations.hubspot;

import static io.sluice.destinations.hubspot.BatchRequestTest.batch;
import static io.sluice.destinations.hubspot.BatchRequestTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryBatch.Operation;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RecordOutcome;

class UpsertAnswerTest {

    private final ObjectMapper json = new ObjectMapper();

    private final BatchRequest request = BatchRequest.upsert(batch(Operation.UPSERT,
            record("cus_1", "ada@example.com", 1, null, null),
            record("cus_2", "bad@@example.com", 2, null, null),
            record("cus_3", "grace@example.com", 3, null, null),
            record("cus_4", "alan@example.com", 4, null, null)));

    @Test
    void resultsAndErrorsAreTiedToTheirRecordsWhateverTheirOrder() throws Exception {
        List<RecordOutcome> outcomes = UpsertAnswer.outcomes(request, answer("""
                {"status":"COMPLETE","numErrors":1,
                 "results":[
                   {"id":"903","properties":{"email":"alan@example.com"},"new":true},
                   {"id":"901","properties":{"email":"ADA@example.com"},"new":false},
                   {"id":"902","properties":{"email":"grace@example.com"},"new":true}],
                 "errors":[{"status":"error","category":"VALIDATION_ERROR",
                   "message":"Property values were not valid: [INVALID_EMAIL]","context":{"ids":["bad@@example.com"]}}]}
                """));

        assertThat(outcomes).containsExactly(
                RecordOutcome.accepted("901", false),
                RecordOutcome.rejected("VALIDATION_ERROR", "Property values were not valid: [INVALID_EMAIL]"),
                RecordOutcome.accepted("902", true),
                RecordOutcome.accepted("903", true));
    }

    @Test
    void oneErrorMayNameSeveralRecordsOrCarryASingleId() throws Exception {
        List<RecordOutcome> outcomes = UpsertAnswer.outcomes(request, answer("""
                {"status":"COMPLETE","results":[{"id":"901","properties":{"email":"ada@example.com"},"new":true}],
                 "errors":[
                   {"category":"VALIDATION_ERROR","message":"two bad","context":{"ids":["bad@@example.com","grace@example.com"]}},
                   {"category":"CONFLICT","message":"taken","id":"alan@example.com"}]}
                """));

        assertThat(outcomes).extracting(RecordOutcome::errorCode)
                .containsExactly(null, "VALIDATION_ERROR", "VALIDATION_ERROR", "CONFLICT");
    }

    @Test
    void aRecordTheAnswerDoesNotMentionIsNotCountedAsDelivered() throws Exception {
        List<RecordOutcome> outcomes = UpsertAnswer.outcomes(request, answer("""
                {"status":"COMPLETE","results":[{"id":"901","properties":{"email":"ada@example.com"},"new":true}],
                 "errors":[{"category":"VALIDATION_ERROR","message":"something","context":{}}]}
                """));

        assertThat(outcomes.get(0).success()).isTrue();
        assertThat(outcomes.subList(1, 4)).allSatisfy(outcome -> {
            assertThat(outcome.errorCode()).isEqualTo("UNATTRIBUTED_ERROR");
            assertThat(outcome.errorMessage()).contains("VALIDATION_ERROR: something");
        });
    }

    @Test
    void anAnswerWithoutResultsIsAFailedCall() {
        assertThatThrownBy(() -> UpsertAnswer.outcomes(request, answer("{\"status\":\"PENDING\"}")))
                .isInstanceOfSatisfying(DeliveryException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("UNEXPECTED_RESPONSE");
                    assertThat(failure.isTransient()).isTrue();
                });
    }

    private JsonNode answer(String text) throws Exception {
        return json.readTree(text);
    }
}
