package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;
import io.sluice.state.RecordStateStore;
import io.sluice.support.AdminLists;
import io.sluice.support.ShippedSyncFiles;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Stripe syncs end to end: an H2 warehouse, sync files, stripe-java talking to the Stripe fake, the state store
 * and the admin API. Assertions are on what the fake received and holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StripeSyncPipelineTest {

    static final TestDatabase WAREHOUSE = TestDatabases.h2("stripe_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("stripe_state");
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final StripeSandbox STRIPE = StripeSandbox.start(0);

    private static final String KEY_SHAPE = "sluice-[0-9a-f]{64}";

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        createWarehouseTables(WAREHOUSE.jdbc());
        SluiceTestProperties.register(registry, writeSyncFiles(), WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.stripe.api-base", STRIPE::baseUrl);
        registry.add("sluice.stripe.api-key", () -> StripeSandbox.DEMO_API_KEY);
        // below the fake's 25 per second: only the test that lowers the fake's limit meets a 429
        registry.add("sluice.stripe.requests-per-second", () -> "20");
        registry.add("sluice.stripe.rate-limited-wait", () -> "100ms");
    }

    @BeforeEach
    void freshAccount() {
        STRIPE.reset();
    }

    @Test
    void theShippedSyncWritesFactsOneCustomerPerRequestThenOnlyWhatChangedThenClearsWhatLeft() {
        for (int i = 1; i <= 30; i++) {
            String id = "cus_%05d".formatted(i);
            STRIPE.addCustomer(id, "c" + i + "@example.org", "Customer " + i, Map.of("crm_owner", "team-" + i));
            warehouse().update("INSERT INTO analytics.customer_360 VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id,
                    "Customer " + i, "c" + i + "@example.org", new BigDecimal("1000.50").add(
                            BigDecimal.valueOf(i)), new BigDecimal("0.1230"),
                    i % 2 == 0 ? "pro" : "free", null, Timestamp.valueOf(LocalDateTime.of(2026, 11, 1, 10, 0)));
        }

        SyncRun first = runner.run("stripe_customer_facts", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(first.counts().read()).isEqualTo(30);
        assertThat(first.counts().updated()).isEqualTo(30);
        assertThat(first.counts().created()).isZero();
        List<RecordedRequest> writes = STRIPE.requests();
        assertThat(writes).hasSize(30).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).matches("/v1/customers/cus_\\d{5}");
            assertThat(request.apiKey()).isEqualTo(StripeSandbox.DEMO_API_KEY);
            assertThat(request.idempotencyKey()).matches(KEY_SHAPE);
            assertThat(request.params()).containsOnlyKeys("metadata[lifetime_value]", "metadata[churn_score]",
                    "metadata[product_tier]");
            assertThat(request.status()).isEqualTo(200);
        });
        assertThat(writes).extracting(RecordedRequest::idempotencyKey).doesNotHaveDuplicates();
        assertThat(STRIPE.customer("cus_00007").orElseThrow().metadata()).isEqualTo(Map.of(
                "crm_owner", "team-7", "lifetime_value", "1007.5", "churn_score", "0.123", "product_tier", "free"));
        assertThat(state.records("stripe_customer_facts")).hasSize(30)
                .allSatisfy(stored -> assertThat(stored.destinationId()).isEqualTo(stored.key()));

        SyncRun unchanged = runner.run("stripe_customer_facts", SyncRun.Trigger.MANUAL);
        assertThat(unchanged.counts().unchanged()).isEqualTo(30);
        assertThat(STRIPE.requests()).hasSize(30);

        warehouse().update(
                "UPDATE analytics.customer_360 SET product_tier = 'enterprise' WHERE customer_id = 'cus_00012'");
        SyncRun oneChange = runner.run("stripe_customer_facts", SyncRun.Trigger.MANUAL);
        assertThat(oneChange.counts().updated()).isEqualTo(1);
        assertThat(STRIPE.requests()).hasSize(31);
        assertThat(STRIPE.requests().get(30).path()).isEqualTo("/v1/customers/cus_00012");
        assertThat(STRIPE.customer("cus_00012").orElseThrow().metadata()).containsEntry("product_tier", "enterprise");

        // mirror: the customer leaves the model; Sluice's keys are cleared, the customer and others' keys stay
        warehouse().update("DELETE FROM analytics.customer_360 WHERE customer_id = 'cus_00003'");
        SyncRun mirror = runner.run("stripe_customer_facts", SyncRun.Trigger.MANUAL);
        assertThat(mirror.counts().deleted()).isEqualTo(1);
        RecordedRequest clear = STRIPE.requests().get(31);
        assertThat(clear.path()).isEqualTo("/v1/customers/cus_00003");
        assertThat(clear.params()).isEqualTo(Map.of("metadata[lifetime_value]", "", "metadata[churn_score]", "",
                "metadata[product_tier]", ""));
        assertThat(clear.idempotencyKey()).matches(KEY_SHAPE);
        assertThat(STRIPE.customer("cus_00003").orElseThrow().metadata()).isEqualTo(Map.of("crm_owner", "team-3"));
        assertThat(STRIPE.customers()).hasSize(30);
        assertThat(state.records("stripe_customer_facts")).extracting(RecordStateStore.StoredRecord::key)
                .hasSize(29).doesNotContain("cus_00003");
    }

    @Test
    void byEmailOneExactMatchIsWrittenAndNoneOrSeveralAreDeadLettersWithNothingSent() {
        STRIPE.addCustomer("cus_ada", "ada@example.com", "Ada");
        STRIPE.addCustomer("cus_twin1", "twin@example.com", "Twin One");
        STRIPE.addCustomer("cus_twin2", "twin@example.com", "Twin Two");
        STRIPE.addCustomer("cus_case", "case@example.com", "Case");
        warehouse().update("INSERT INTO billing.accounts VALUES ('ada@example.com', 'Ada Lovelace', 'pro'),"
                + " ('twin@example.com', 'Twin', 'free'), ('nobody@example.com', 'Nobody', 'free'),"
                + " ('Case@example.com', 'Case', 'pro')");

        SyncRun run = runner.run("accounts_by_email", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().updated()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isEqualTo(3);
        StripeSandbox.Customer ada = STRIPE.customer("cus_ada").orElseThrow();
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.metadata()).isEqualTo(Map.of("plan", "pro"));
        assertThat(STRIPE.requests()).filteredOn(request -> request.method().equals("POST")).singleElement()
                .satisfies(request -> {
                    assertThat(request.path()).isEqualTo("/v1/customers/cus_ada");
                    assertThat(request.params()).isEqualTo(Map.of("metadata[plan]", "pro", "name", "Ada Lovelace"));
                });
        assertThat(STRIPE.requests()).filteredOn(request -> request.method().equals("GET"))
                .extracting(request -> request.params().get("email"))
                .containsExactlyInAnyOrder("ada@example.com", "twin@example.com", "nobody@example.com",
                        "Case@example.com");
        assertThat(deadLetters("accounts_by_email", "open"))
                .extracting(letter -> letter.get("recordKey"), letter -> letter.get("errorCode"))
                .containsExactlyInAnyOrder(
                        tuple("twin@example.com", "ambiguous_customer"),
                        tuple("nobody@example.com", "customer_not_found"),
                        tuple("Case@example.com", "customer_not_found"));
        assertThat(deadLetters("accounts_by_email", "open")).filteredOn(letter -> letter.get("recordKey")
                .equals("twin@example.com")).singleElement().satisfies(letter -> assertThat(letter.get("errorMessage"))
                .asString().contains("cus_twin1", "cus_twin2", "does not guess"));
        assertThat(STRIPE.customer("cus_case").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void anUnknownCustomerIdIsADeadLetterWithStripesErrorAndAReplayAfterItExistsDeliversIt() {
        STRIPE.addCustomer("cus_known", "known@example.com", "Known");
        warehouse().update("INSERT INTO billing.missing_plans VALUES ('cus_known', 'pro'), ('cus_later', 'free')");

        SyncRun run = runner.run("missing_plans", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().updated()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isEqualTo(1);
        Map<String, Object> letter = deadLetters("missing_plans", "open").get(0);
        assertThat(letter).containsEntry("recordKey", "cus_later").containsEntry("errorCode", "resource_missing")
                .containsEntry("attempts", 1).containsEntry("retryable", false);
        String requestId = STRIPE.requests().stream().filter(request -> request.status() == 404).findFirst()
                .orElseThrow().requestId();
        assertThat(letter.get("errorMessage")).asString().contains("HTTP 404", requestId,
                "{\"error\":{\"code\":\"resource_missing\"", "\"message\":\"No such customer: 'cus_later'\"",
                "\"param\":\"id\"", "\"type\":\"invalid_request_error\"");

        // replayed too early: Stripe remembers the 404 under the write's key, and the customer is still missing
        http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class, letter.get("id"));
        assertThat(deadLetters("missing_plans", "open")).singleElement()
                .satisfies(open -> assertThat(open).containsEntry("attempts", 2));

        STRIPE.addCustomer("cus_later", "later@example.com", "Later");
        int before = STRIPE.requests().size();
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class,
                letter.get("id"));

        assertThat(replay.getBody()).containsEntry("delivered", 1);
        // each remembered 404 leads to the key derived from it, until a write that runs now
        List<RecordedRequest> replayed = STRIPE.requests().subList(before, STRIPE.requests().size());
        assertThat(replayed).extracting(RecordedRequest::status, RecordedRequest::replayed).containsExactly(
                tuple(404, true), tuple(404, true), tuple(200, false));
        assertThat(replayed).extracting(RecordedRequest::idempotencyKey).doesNotHaveDuplicates()
                .allMatch(key -> key.matches(KEY_SHAPE));
        assertThat(STRIPE.customer("cus_later").orElseThrow().metadata()).isEqualTo(Map.of("plan", "free"));
        assertThat(deadLetters("missing_plans", "open")).isEmpty();
        assertThat(state.records("missing_plans")).extracting(RecordStateStore.StoredRecord::key)
                .containsExactlyInAnyOrder("cus_known", "cus_later");
    }

    @Test
    void metadataOverStripesLimitsIsRejectedWithTheReasonAndNothingIsSentForIt() {
        STRIPE.addCustomer("cus_short", "short@example.com", "Short");
        STRIPE.addCustomer("cus_long", "long@example.com", "Long");
        warehouse().update("INSERT INTO billing.noted_plans VALUES ('cus_short', 'pro', 'fine'), (?, 'pro', ?)",
                "cus_long", "x".repeat(501));

        SyncRun run = runner.run("noted_plans", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().updated()).isEqualTo(1);
        assertThat(deadLetters("noted_plans", "open")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("recordKey", "cus_long")
                    .containsEntry("errorCode", "metadata_value_too_long");
            assertThat(letter.get("errorMessage")).asString()
                    .contains("'notes'", "501 characters", "at most 500", "nothing was sent");
        });
        assertThat(STRIPE.requests()).extracting(RecordedRequest::path).containsExactly("/v1/customers/cus_short");
        assertThat(STRIPE.customer("cus_long").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void anOutageIsRetriedWithTheSameKeyThenDeadLetteredAsRetryableAndReplayedWhenItEnds() {
        STRIPE.addCustomer("cus_out", "out@example.com", "Out");
        warehouse().update("INSERT INTO billing.outage_plans VALUES ('cus_out', 'pro')");
        STRIPE.failNextRequests(2, 503);

        SyncRun recovered = runner.run("outage_plans", SyncRun.Trigger.MANUAL);

        assertThat(recovered.counts().updated()).isEqualTo(1);
        assertThat(STRIPE.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
        assertThat(STRIPE.requests()).extracting(RecordedRequest::idempotencyKey).containsOnly(
                STRIPE.requests().get(0).idempotencyKey());

        warehouse().update("UPDATE billing.outage_plans SET plan = 'enterprise'");
        STRIPE.failNextRequests(100, 503);
        SyncRun outage = runner.run("outage_plans", SyncRun.Trigger.MANUAL);

        assertThat(STRIPE.requests()).as("one call and two retries").hasSize(6);
        assertThat(outage.counts().deadLettered()).isEqualTo(1);
        assertThat(deadLetters("outage_plans", "open")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("retryable", true).containsEntry("attempts", 3).containsEntry("errorCode", "api_error"));

        STRIPE.failNextRequests(0, 503);
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=outage_plans", null,
                Map.class);
        assertThat(replay.getBody()).containsEntry("delivered", 1);
        assertThat(STRIPE.customer("cus_out").orElseThrow().metadata()).isEqualTo(Map.of("plan", "enterprise"));
    }

    @Test
    void aFailureStripeSaysNotToRetryIsDeadLetteredAtOnce() {
        STRIPE.addCustomer("cus_final", "final@example.com", "Final");
        warehouse().update("INSERT INTO billing.final_plans VALUES ('cus_final', 'pro')");
        STRIPE.failNextRequests(1, 500, false);

        SyncRun run = runner.run("final_plans", SyncRun.Trigger.MANUAL);

        assertThat(STRIPE.requests()).hasSize(1);
        assertThat(run.counts().deadLettered()).isEqualTo(1);
        assertThat(deadLetters("final_plans", "open")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("retryable", false).containsEntry("attempts", 1)
                .containsEntry("errorCode", "api_error"));
    }

    @Test
    void aRefusedKeyFailsEveryCallAtOnceWithoutRetrying() {
        STRIPE.addCustomer("cus_a", "a@example.com", "A");
        STRIPE.addCustomer("cus_b", "b@example.com", "B");
        warehouse().update("INSERT INTO billing.key_plans VALUES ('cus_a', 'pro'), ('cus_b', 'pro')");
        STRIPE.rollApiKey("sk_test_rolled_by_an_admin");

        SyncRun run = runner.run("key_plans", SyncRun.Trigger.MANUAL);

        assertThat(STRIPE.requests()).extracting(RecordedRequest::path, RecordedRequest::status).containsExactlyInAnyOrder(
                tuple("/v1/customers/cus_a", 401), tuple("/v1/customers/cus_b", 401));
        assertThat(run.counts().deadLettered()).isEqualTo(2);
        assertThat(deadLetters("key_plans", "open")).hasSize(2).allSatisfy(letter -> {
            assertThat(letter).containsEntry("retryable", false).containsEntry("attempts", 1);
            assertThat(letter.get("errorMessage")).asString().contains("HTTP 401", "Invalid API Key provided")
                    .doesNotContain(StripeSandbox.DEMO_API_KEY);
        });
    }

    @Test
    void throttledRequestsAreSlowedDownAndEveryRecordIsDelivered() {
        for (int i = 1; i <= 10; i++) {
            STRIPE.addCustomer("cus_t" + i, "t" + i + "@example.com", "T" + i);
            warehouse().update("INSERT INTO billing.throttled_plans VALUES (?, 'pro')", "cus_t" + i);
        }
        STRIPE.limitRequestsPerSecond(3);

        SyncRun run = runner.run("throttled_plans", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().updated()).isEqualTo(10);
        assertThat(run.counts().deadLettered()).isZero();
        assertThat(STRIPE.requests()).filteredOn(request -> request.status() == 429).isNotEmpty()
                .allSatisfy(request -> assertThat(request.idempotencyKey()).matches(KEY_SHAPE));
        assertThat(STRIPE.requests()).filteredOn(request -> request.status() == 200)
                .extracting(RecordedRequest::path).hasSize(10).doesNotHaveDuplicates();
        assertThat(STRIPE.customers()).allSatisfy(customer -> assertThat(customer.metadata())
                .isEqualTo(Map.of("plan", "pro")));
    }

    @Test
    void aWriteWhoseAnswerWasLostIsRetriedUnderItsKeyAndAppliedOnce() {
        STRIPE.addCustomer("cus_lost", "lost@example.com", "Lost");
        warehouse().update("INSERT INTO billing.lost_plans VALUES ('cus_lost', 'pro')");
        STRIPE.loseNextAnswers(2);

        SyncRun run = runner.run("lost_plans", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().updated()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isZero();
        List<RecordedRequest> posts = STRIPE.requests().stream().filter(request -> request.method().equals("POST"))
                .toList();
        assertThat(posts).extracting(RecordedRequest::idempotencyKey).containsOnly(posts.get(0).idempotencyKey());
        assertThat(posts).filteredOn(request -> !request.replayed()).as("applied once").hasSize(1);
        assertThat(posts.get(posts.size() - 1).replayed()).isTrue();
        // a remembered answer is checked against what the customer holds before the record counts as delivered
        assertThat(STRIPE.requests().get(STRIPE.requests().size() - 1)).satisfies(check -> {
            assertThat(check.method()).isEqualTo("GET");
            assertThat(check.path()).isEqualTo("/v1/customers/cus_lost");
        });
        assertThat(STRIPE.customer("cus_lost").orElseThrow().metadata()).isEqualTo(Map.of("plan", "pro"));
    }

    @Test
    void contentThatComesBackWithinStripesKeyRetentionIsWrittenAgain() {
        STRIPE.addCustomer("cus_flip", "flip@example.com", "Flip");
        warehouse().update("INSERT INTO billing.flip_plans VALUES ('cus_flip', 'pro')");
        runner.run("flip_plans", SyncRun.Trigger.MANUAL);
        warehouse().update("UPDATE billing.flip_plans SET plan = 'enterprise'");
        runner.run("flip_plans", SyncRun.Trigger.MANUAL);
        warehouse().update("UPDATE billing.flip_plans SET plan = 'pro'");
        int before = STRIPE.requests().size();

        SyncRun back = runner.run("flip_plans", SyncRun.Trigger.MANUAL);

        assertThat(back.counts().updated()).isEqualTo(1);
        List<RecordedRequest> requests = STRIPE.requests().subList(before, STRIPE.requests().size());
        assertThat(requests).extracting(RecordedRequest::method, RecordedRequest::replayed).containsExactly(
                tuple("POST", true), tuple("GET", false),
                tuple("POST", false));
        assertThat(requests.get(0).idempotencyKey()).isEqualTo(STRIPE.requests().get(0).idempotencyKey());
        assertThat(requests.get(2).idempotencyKey()).matches(KEY_SHAPE).isNotEqualTo(requests.get(0).idempotencyKey());
        assertThat(STRIPE.customer("cus_flip").orElseThrow().metadata()).isEqualTo(Map.of("plan", "pro"));
    }

    @Test
    void aBrokenStripeBlockIsReportedWithFileFieldAndReason() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("stripe_broken")).singleElement()
                .satisfies(sync -> {
                    assertThat(sync).containsEntry("valid", false);
                    assertThat(sync.get("errors").toString()).contains("stripe.match_by",
                            "must be one of customer_id or email, not 'phone'");
                });
        ResponseEntity<Map> refused = http.postForEntity("/admin/syncs/stripe_broken/run", null, Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("detail").toString()).contains("stripe_broken.yaml", "stripe.match_by");
        assertThat(STRIPE.requests()).isEmpty();
    }

    private JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }

    private List<Map<String, Object>> deadLetters(String sync, String status) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status={status}", sync, status);
    }

    private static final List<String> PLAN_TABLES = List.of("missing_plans", "outage_plans", "final_plans",
            "key_plans", "throttled_plans", "lost_plans", "flip_plans");

    static void createWarehouseTables(JdbcTemplate warehouse) {
        warehouse.execute("CREATE SCHEMA analytics");
        warehouse.execute("CREATE SCHEMA billing");
        warehouse.execute("CREATE TABLE analytics.customer_360 (customer_id VARCHAR(40) PRIMARY KEY,"
                + " name VARCHAR(200), email VARCHAR(200), lifetime_value DECIMAL(12, 2), churn_score DECIMAL(5, 4),"
                + " product_tier VARCHAR(20), last_activity_at TIMESTAMP, updated_at TIMESTAMP)");
        warehouse.execute("CREATE TABLE billing.accounts (email VARCHAR(200), full_name VARCHAR(200),"
                + " plan VARCHAR(20))");
        warehouse.execute("CREATE TABLE billing.noted_plans (customer_id VARCHAR(40), plan VARCHAR(20),"
                + " notes VARCHAR(1000))");
        PLAN_TABLES.forEach(table -> warehouse.execute("CREATE TABLE billing." + table
                + " (customer_id VARCHAR(40), plan VARCHAR(20))"));
    }

    /** The shipped example is read from routes/: what is tested is what ships. */
    static Path writeSyncFiles() {
        try {
            Path routes = Files.createTempDirectory("sluice-stripe-routes");
            ShippedSyncFiles.copyAsManual("stripe_customer_facts.yaml", routes);
            Files.writeString(routes.resolve("accounts_by_email.yaml"), """
                    model:
                      name: accounts
                      query: SELECT email, full_name, plan FROM billing.accounts
                    destination: stripe
                    mapping:
                      email: email
                      full_name: name
                      plan: plan
                    stripe:
                      match_by: email
                      customer_fields: [name]
                    schedule: manual
                    sync_mode: full
                    """);
            Files.writeString(routes.resolve("noted_plans.yaml"), """
                    model:
                      name: noted_plans
                      query: SELECT customer_id, plan, notes FROM billing.noted_plans
                    destination: stripe
                    mapping:
                      customer_id: customer_id
                      plan: plan
                      notes: notes
                    schedule: manual
                    sync_mode: full
                    """);
            for (String table : PLAN_TABLES) {
                Files.writeString(routes.resolve(table + ".yaml"), """
                        model:
                          name: %s
                          query: SELECT customer_id, plan FROM billing.%s
                        destination: stripe
                        mapping:
                          customer_id: customer_id
                          plan: plan
                        stripe:
                          metadata: [plan]
                        schedule: manual
                        sync_mode: full
                        """.formatted(table, table));
            }
            Files.writeString(routes.resolve("stripe_broken.yaml"), """
                    model:
                      name: broken
                      query: SELECT customer_id, plan FROM billing.key_plans
                    destination: stripe
                    mapping:
                      customer_id: customer_id
                      plan: plan
                    stripe:
                      match_by: phone
                    schedule: manual
                    sync_mode: full
                    """);
            return routes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
