package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.sandbox.stripe.StripeSandbox.MeterEvent;
import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;
import io.sluice.support.AdminLists;
import io.sluice.support.ShippedSyncFiles;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Usage sent as Stripe Billing meter events by the shipped {@code routes/stripe_usage.yaml} (sync_mode append):
 * each day of usage billed once — across runs, after a lost answer, after a refusal and its replay — which the
 * Stripe fake, refusing a second event with an identifier as Stripe does, confirms by counting no duplicate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StripeMeterEventsTest {

    static final TestDatabase WAREHOUSE = TestDatabases.h2("meter_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("meter_state");
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final StripeSandbox STRIPE = StripeSandbox.start(0);
    static final String SYNC = "stripe_usage";

    @Autowired
    SyncRunner runner;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE SCHEMA warehouse");
        WAREHOUSE.jdbc().execute("CREATE TABLE warehouse.daily_usage (customer VARCHAR(40) NOT NULL,"
                + " usage_day DATE NOT NULL, api_calls INTEGER NOT NULL, PRIMARY KEY (customer, usage_day))");
        SluiceTestProperties.register(registry, routes(), WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.stripe.api-base", STRIPE::baseUrl);
        registry.add("sluice.stripe.api-key", () -> StripeSandbox.DEMO_API_KEY);
        registry.add("sluice.stripe.requests-per-second", () -> "20");
    }

    /** The state store stays: each test bills customers of its own. */
    @BeforeEach
    void freshAccountAndWarehouse() {
        STRIPE.reset();
        warehouse().update("DELETE FROM warehouse.daily_usage");
    }

    @Test
    void eachDayIsBilledOnceAcrossRunsAndAChangedDayIsNeverSentAgain() {
        STRIPE.addCustomer("cus_ada", "ada@example.com", "Ada");
        STRIPE.addCustomer("cus_alan", "alan@example.com", "Alan");
        usage("cus_ada", 1, 120);
        usage("cus_ada", 2, 80);
        usage("cus_alan", 1, 5);
        usage("cus_alan", 0, 9); // today: not a finished day, the model leaves it out

        SyncRun first = runner.run(SYNC, SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(first.counts().created()).isEqualTo(3);
        assertThat(STRIPE.meterEvents()).extracting(MeterEvent::eventName, event -> event.payload(),
                MeterEvent::timestamp).containsExactlyInAnyOrder(
                tuple("api_calls", Map.of("stripe_customer_id", "cus_ada", "value", "120"), dayStart(1)),
                tuple("api_calls", Map.of("stripe_customer_id", "cus_ada", "value", "80"), dayStart(2)),
                tuple("api_calls", Map.of("stripe_customer_id", "cus_alan", "value", "5"), dayStart(1)));
        assertThat(STRIPE.meterEvents()).extracting(MeterEvent::identifier).doesNotHaveDuplicates()
                .allMatch(identifier -> identifier.matches("sluice-[0-9a-f]{64}"));
        assertThat(STRIPE.requests()).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v1/billing/meter_events");
            // the identifier is the idempotency key too: a request sent again gets the first answer
            assertThat(request.idempotencyKey()).isEqualTo(request.params().get("identifier"));
        });

        SyncRun second = runner.run(SYNC, SyncRun.Trigger.MANUAL);
        assertThat(second.counts().unchanged()).isEqualTo(3);
        assertThat(STRIPE.requests()).hasSize(3);

        // a corrected day is not billed again; a new day is
        warehouse().update("UPDATE warehouse.daily_usage SET api_calls = 999 WHERE customer = 'cus_ada'");
        usage("cus_alan", 2, 7);
        SyncRun third = runner.run(SYNC, SyncRun.Trigger.MANUAL);

        assertThat(third.counts().created()).isEqualTo(1);
        assertThat(third.counts().unchanged()).isEqualTo(3);
        assertThat(third.counts().updated()).isZero();
        assertThat(STRIPE.meterEvents()).hasSize(4).extracting(event -> event.payload().get("value"))
                .containsExactlyInAnyOrder("120", "80", "5", "7");
        assertThat(STRIPE.duplicateMeterEvents()).isZero();
    }

    @Test
    void anAnswerLostAfterStripeRecordedTheEventIsAskedAgainUnderTheSameKeyAndBilledOnce() {
        STRIPE.addCustomer("cus_lost", "lost@example.com", "Ada");
        usage("cus_lost", 1, 120);
        STRIPE.loseNextAnswers(1);

        SyncRun run = runner.run(SYNC, SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(1);
        List<RecordedRequest> requests = STRIPE.requests();
        assertThat(requests).extracting(RecordedRequest::status, RecordedRequest::replayed)
                .containsExactly(tuple(200, false), tuple(200, true));
        assertThat(requests.get(1).idempotencyKey()).isEqualTo(requests.get(0).idempotencyKey());
        assertThat(STRIPE.meterEvents()).hasSize(1);
        assertThat(STRIPE.duplicateMeterEvents()).isZero();
    }

    @Test
    void aRefusedEventIsADeadLetterWithStripesCodeAndItsReplaySendsTheSameIdentifier() {
        STRIPE.addCustomer("cus_refused", "refused@example.com", "Ada");
        usage("cus_refused", 1, 120);
        usage("cus_later", 1, 40);
        usage("cus_refused", 40, 3); // beyond Stripe's 35 days

        SyncRun run = runner.run(SYNC, SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isEqualTo(2);
        List<Map<String, Object>> open = deadLetters("open");
        assertThat(open).extracting(letter -> letter.get("errorCode")).containsExactlyInAnyOrder(
                "meter_event_customer_not_found", "timestamp_too_far_in_past");
        String refusedIdentifier = STRIPE.requests().stream()
                .filter(request -> "cus_later".equals(request.params().get("payload[stripe_customer_id]")))
                .findFirst().orElseThrow().params().get("identifier");

        // the next run does not send them again: they wait for a replay
        runner.run(SYNC, SyncRun.Trigger.MANUAL);
        assertThat(STRIPE.requests()).hasSize(3);

        STRIPE.addCustomer("cus_later", "later@example.com", "Later");
        Object letterId = open.stream().filter(letter -> letter.get("errorCode")
                .equals("meter_event_customer_not_found")).findFirst().orElseThrow().get("id");
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class,
                letterId);

        assertThat(replay.getBody()).containsEntry("delivered", 1);
        assertThat(STRIPE.meterEvents()).filteredOn(event -> event.payload().get("stripe_customer_id")
                .equals("cus_later")).singleElement()
                .satisfies(event -> assertThat(event.identifier()).isEqualTo(refusedIdentifier));
        assertThat(STRIPE.meterEvents()).hasSize(2);
        assertThat(STRIPE.duplicateMeterEvents()).isZero();
    }

    @Test
    void theFakeRefusesWhatStripeRefusesAndCountsASecondEventWithAnIdentifierAsADuplicate() throws Exception {
        STRIPE.addCustomer("cus_ada", "ada@example.com", "Ada");
        long now = Instant.now().getEpochSecond();

        assertThat(post(Map.of("payload[stripe_customer_id]", "cus_ada", "payload[value]", "1")))
                .contains("\"code\":\"parameter_missing\"", "\"param\":\"event_name\"");
        assertThat(post(Map.of("event_name", "api_calls"))).contains("\"param\":\"payload\"");
        assertThat(post(Map.of("event_name", "api_calls", "payload[stripe_customer_id]", "cus_ada",
                "payload[value]", "many"))).contains("meter_event_invalid_value");
        assertThat(post(Map.of("event_name", "api_calls", "payload[stripe_customer_id]", "cus_ada",
                "payload[value]", "1", "timestamp", String.valueOf(now + 600)))).contains("timestamp_in_future");
        assertThat(post(Map.of("event_name", "api_calls", "payload[stripe_customer_id]", "cus_nobody",
                "payload[value]", "1"))).contains("meter_event_customer_not_found");
        Map<String, String> event = Map.of("event_name", "api_calls", "payload[stripe_customer_id]", "cus_ada",
                "payload[value]", "1", "identifier", "usage-1", "timestamp", String.valueOf(now + 60));
        assertThat(post(event)).contains("\"object\":\"billing.meter_event\"", "\"identifier\":\"usage-1\"");
        assertThat(post(event)).contains("resource_already_exists");
        assertThat(STRIPE.meterEvents()).hasSize(1);
        assertThat(STRIPE.duplicateMeterEvents()).isEqualTo(1);
    }

    /** A meter event posted straight to the fake, as stripe-java would: the answer's body. */
    private static String post(Map<String, String> params) throws Exception {
        String form = params.entrySet().stream().map(param -> URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(STRIPE.baseUrl() + "/v1/billing/meter_events"))
                .header("Authorization", "Bearer " + StripeSandbox.DEMO_API_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long dayStart(int daysAgo) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private void usage(String customer, int daysAgo, int apiCalls) {
        warehouse().update("INSERT INTO warehouse.daily_usage VALUES (?, ?, ?)", customer,
                Date.valueOf(LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo)), apiCalls);
    }

    private List<Map<String, Object>> deadLetters(String status) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status={status}", SYNC, status);
    }

    private static JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }

    private static Path routes() {
        try {
            Path routes = Files.createTempDirectory("sluice-meter-routes");
            ShippedSyncFiles.copyAsManual(SYNC + ".yaml", routes);
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
