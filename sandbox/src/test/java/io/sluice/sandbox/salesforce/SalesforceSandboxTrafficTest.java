package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SalesforceSandbox.RecordedCall;
import io.sluice.sandbox.salesforce.SandboxHttp.Reply;

class SalesforceSandboxTrafficTest extends SandboxApiTestSupport {

    @Test
    void everyApiResponseReportsUsage() {
        Reply first = upsert("a@example.com");
        Reply second = upsert("b@example.com");

        assertThat(first.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=1/15000");
        assertThat(second.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=2/15000");
    }

    @Test
    void callsBeyondTheDailyLimitAreRefused() {
        sandbox.setDailyRequestLimit(2);
        upsert("a@example.com");
        upsert("b@example.com");

        Reply refused = upsert("c@example.com");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error().get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(refused.error().get("message").asText()).isEqualTo("TotalRequests Limit exceeded.");
        assertThat(refused.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=2/2");
        assertThat(sandbox.records("Lead")).hasSize(2);
    }

    @Test
    void injectedFaultsAnswerTheNextCallsWithoutTouchingRecords() {
        sandbox.failNextCalls(2, 503);

        Reply firstOutage = upsert("a@example.com");
        Reply secondOutage = upsert("a@example.com");
        Reply recovered = upsert("a@example.com");

        for (Reply outage : List.of(firstOutage, secondOutage)) {
            assertThat(outage.status()).isEqualTo(503);
            assertThat(outage.error().get("errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");
        }
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.body().get(0).get("created").asBoolean()).isTrue();
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void apiCallsAreRecordedButTokenRequestsAreNot() {
        upsert("a@example.com");
        http.delete(token, List.of("00Q000000009999EAA", "00Q000000009998EAA"), true);
        http.login();

        assertThat(sandbox.calls()).containsExactly(
                new RecordedCall("PATCH", SandboxHttp.API + "/composite/sobjects/Lead/Email", null, 1, 200),
                new RecordedCall("DELETE", SandboxHttp.API + "/composite/sobjects",
                        "ids=00Q000000009999EAA,00Q000000009998EAA&allOrNone=true", 2, 200));
        assertThat(sandbox.tokenRequests()).isEqualTo(2);
    }

    @Test
    void resetStartsAFreshOrgButKeepsSessions() {
        sandbox.setDailyRequestLimit(1);
        sandbox.requireFields("Lead", "Title");
        upsert("a@example.com");
        sandbox.failNextCalls(1, 500);

        sandbox.reset();
        Reply afterReset = upsert("b@example.com");

        assertThat(afterReset.status()).isEqualTo(200);
        assertThat(afterReset.body().get(0).get("success").asBoolean()).isTrue();
        assertThat(afterReset.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=1/15000");
        assertThat(sandbox.records("Lead")).extracting(lead -> lead.get("Email")).containsExactly("b@example.com");
        assertThat(sandbox.calls()).hasSize(1);
        assertThat(sandbox.tokenRequests()).isZero();
    }

    @Test
    void concurrentBatchesAreAllSaved() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> replies = IntStream.range(0, 40)
                    .mapToObj(i -> clients.submit(() -> upsert("lead" + (i % 20) + "@example.com")))
                    .toList();
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(sandbox.records("Lead")).hasSize(20);
        assertThat(sandbox.calls()).hasSize(40);
    }

    @Test
    void humansGetALabelledReadOnlyView() {
        upsert("a@example.com");

        Reply banner = http.get("/sandbox");
        Reply leads = http.get("/sandbox/objects/Lead");
        Reply unknown = http.get("/sandbox/objects/Opportunity");

        assertThat(banner.status()).isEqualTo(200);
        assertThat(banner.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(banner.text()).contains("Sluice local Salesforce sandbox — not a real Salesforce org")
                .contains("/sandbox/objects/Lead");
        assertThat(leads.status()).isEqualTo(200);
        assertThat(leads.body()).hasSize(1);
        assertThat(leads.body().get(0).get("Email").asText()).isEqualTo("a@example.com");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(sandbox.calls()).hasSize(1);
    }

    @Test
    void usageIsCountedOverARolling24HourWindow() {
        SteppingClock clock = new SteppingClock();
        ApiUsage usage = new ApiUsage(clock);
        usage.setDailyLimit(2);

        assertThat(usage.tryCount()).isTrue();
        clock.advance(Duration.ofHours(12));
        assertThat(usage.tryCount()).isTrue();
        assertThat(usage.tryCount()).isFalse();
        clock.advance(Duration.ofHours(12));

        assertThat(usage.usageHeader()).isEqualTo("api-usage=1/2");
        assertThat(usage.tryCount()).isTrue();
    }

    private Reply upsert(String email) {
        return http.upsert(token, "Lead", "Email", false, List.of(SandboxHttp.lead(email, "Acme")));
    }

    private static final class SteppingClock extends Clock {

        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
