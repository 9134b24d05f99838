package io.sluice.destinations.stripe;

import static io.sluice.destinations.stripe.RefusalFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import com.stripe.model.Customer;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.destinations.stripe.StripeSettings.MatchBy;

/** One record's requests, with Stripe's answers scripted. */
class CustomerWriteTest {

    private final StripeApi api = mock(StripeApi.class);
    private final StripeSettings byId = new StripeSettings(MatchBy.CUSTOMER_ID, List.of("plan"), List.of());
    private final StripeSettings byEmail = new StripeSettings(MatchBy.EMAIL, List.of("plan"), List.of());

    @Test
    void aFreshAnswerDeliversTheRecordInOneRequest() throws Exception {
        when(api.update(eq("cus_1"), any(), anyString())).thenReturn(new StripeApi.Written(null));

        RecordOutcome outcome = run(CustomerWrite.upsert("facts", record("cus_1", "pro", null), byId));

        assertThat(outcome).isEqualTo(RecordOutcome.accepted("cus_1", false));
        verify(api, times(1)).update(eq("cus_1"), any(), anyString());
    }

    @Test
    void byEmailOnlyASingleMatchIsWritten() throws Exception {
        when(api.customersWithEmail("one@example.com")).thenReturn(List.of(customer("cus_1")));
        when(api.customersWithEmail("none@example.com")).thenReturn(List.of());
        when(api.customersWithEmail("two@example.com")).thenReturn(List.of(customer("cus_2"), customer("cus_3")));
        when(api.update(eq("cus_1"), any(), anyString())).thenReturn(new StripeApi.Written(null));

        assertThat(run(CustomerWrite.upsert("facts", record("one@example.com", "pro", null), byEmail)))
                .isEqualTo(RecordOutcome.accepted("cus_1", false));
        assertThat(run(CustomerWrite.upsert("facts", record("none@example.com", "pro", null), byEmail)).errorCode())
                .isEqualTo("customer_not_found");
        assertThat(run(CustomerWrite.upsert("facts", record("two@example.com", "pro", null), byEmail)).errorMessage())
                .contains("cus_2, cus_3");
        verify(api, times(1)).update(any(), any(), anyString());
    }

    @Test
    void aClearGoesToTheCustomerTheRecordWasDeliveredToAndAMissingCustomerHasNothingLeftToClear() throws Exception {
        when(api.update(eq("cus_9"), any(), anyString())).thenThrow(refusal(404, "resource_missing", "{}", Map.of()));

        RecordOutcome outcome = run(CustomerWrite.clear("facts", record("nine@example.com", "pro", "cus_9"), byEmail));

        assertThat(outcome).isEqualTo(RecordOutcome.accepted("cus_9", false));
        verify(api, times(0)).customersWithEmail(anyString());
    }

    @Test
    void aRecordOverTheLimitsMakesNoRequest() {
        RecordOutcome outcome = run(CustomerWrite.upsert("facts", record("cus_1", "x".repeat(501), null), byId));

        assertThat(outcome.errorCode()).isEqualTo("metadata_value_too_long");
        verifyNoInteractions(api);
    }

    @Test
    void rememberedFailuresAreFollowedAtMostMaxWritesKeysDeep() throws Exception {
        when(api.update(eq("cus_1"), any(), anyString())).thenThrow(refusal(404, "resource_missing", "{}",
                Map.of("Idempotent-Replayed", "true", "Original-Request", "req_a")));

        RecordOutcome outcome = run(CustomerWrite.upsert("facts", record("cus_1", "pro", null), byId));

        assertThat(outcome.errorCode()).isEqualTo("resource_missing");
        ArgumentCaptor<String> keys = ArgumentCaptor.forClass(String.class);
        verify(api, times(CustomerWrite.MAX_WRITES)).update(eq("cus_1"), any(), keys.capture());
        assertThat(keys.getAllValues()).doesNotHaveDuplicates();
    }

    @Test
    void aRememberedSuccessThatNoLongerHoldsIsWrittenAgainUpToMaxWrites() throws Exception {
        when(api.update(eq("cus_1"), any(), anyString())).thenReturn(new StripeApi.Written("req_a"));
        Customer elsewhere = customer("cus_1");
        elsewhere.setMetadata(Map.of("plan", "enterprise"));
        when(api.retrieve("cus_1")).thenReturn(elsewhere);

        RecordOutcome outcome = run(CustomerWrite.upsert("facts", record("cus_1", "pro", null), byId));

        assertThat(outcome.errorCode()).isEqualTo("stale_idempotent_replay");
        verify(api, times(CustomerWrite.MAX_WRITES)).update(eq("cus_1"), any(), anyString());
        verify(api, times(CustomerWrite.MAX_WRITES)).retrieve("cus_1");
    }

    private RecordOutcome run(CustomerWrite write) {
        int requests = 0;
        while (!write.done()) {
            write.advance(api);
            requests++;
            assertThat(requests).as("requests for one record").isLessThanOrEqualTo(2 * CustomerWrite.MAX_WRITES + 1);
        }
        return write.outcome();
    }

    private static OutboundRecord record(String key, String plan, String destinationId) {
        return new OutboundRecord(key, Map.of("plan", plan), "hash", destinationId);
    }

    private static Customer customer(String id) {
        Customer customer = new Customer();
        customer.setId(id);
        return customer;
    }
}
