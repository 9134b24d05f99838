package io.sluice.quotas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.sluice.SluiceApplication;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.RecordedRequest;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Two Sluice instances on one PostgreSQL state store, as production runs them, delivering to one HubSpot account:
 * they keep to its burst limit together, a breaker one opens is open on the other and closed for both by a
 * replay on one, and the daily budget counts both instances' calls and outlives a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedQuotasTest {

    /** The account's burst limit, and the budget each instance is configured with. */
    private static final int CALLS_PER_WINDOW = 4;
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final int RECORDS_PER_SYNC = 12;
    private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

    private static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0);
    /** Only to satisfy the shared test configuration; nothing here writes to Salesforce. */
    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.postgres("quotas_warehouse");
    private static final TestDatabase STATE = TestDatabases.postgres("quotas_state");
    private static final List<String> SYNCS = List.of("paced_a", "paced_b", "down_a", "down_b", "after_restart");

    private static Path routes;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        routes = Files.createTempDirectory("sluice-quota-routes");
        WAREHOUSE.jdbc().execute("CREATE SCHEMA crm");
        for (String sync : SYNCS) {
            WAREHOUSE.jdbc().execute("CREATE TABLE crm." + sync + " (email VARCHAR(200), first_name VARCHAR(100))");
            Files.writeString(routes.resolve(sync + ".yaml"), contactsSync(sync));
        }
        nodeA = start("node-a", Map.of());
        nodeB = start("node-b", Map.of());
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
        HUBSPOT.close();
        SALESFORCE.close();
    }

    @Test
    @Order(1)
    void twoInstancesSendingAtOnceKeepToTheAccountsBurstLimitTogetherAndTheBudgetCountsBoth() {
        HUBSPOT.setBurstLimit(CALLS_PER_WINDOW, WINDOW);
        // each instance's first call is slow on the way (connection, class loading), which puts it closer than
        // paced to the calls after it when it arrives: the same on one instance, and no quota's doing
        addContacts("paced_a", 1, 1);
        addContacts("paced_b", 1, 1);
        runNow(nodeA, "paced_a");
        awaitRun("paced_a", 1);
        runNow(nodeB, "paced_b");
        awaitRun("paced_b", 1);
        addContacts("paced_a", 2, RECORDS_PER_SYNC);
        addContacts("paced_b", 2, RECORDS_PER_SYNC);

        CompletableFuture<ResponseEntity<Map>> onA = CompletableFuture.supplyAsync(() -> runNow(nodeA, "paced_a"));
        CompletableFuture<ResponseEntity<Map>> onB = CompletableFuture.supplyAsync(() -> runNow(nodeB, "paced_b"));
        assertThat(List.of(onA.join(), onB.join())).extracting(ResponseEntity::getStatusCode)
                .containsOnly(HttpStatus.ACCEPTED);
        Map<String, Object> runA = awaitRun("paced_a", 2);
        Map<String, Object> runB = awaitRun("paced_b", 2);

        assertThat(runA).containsEntry("status", "SUCCEEDED").containsEntry("instance_id", "node-a");
        assertThat(runB).containsEntry("status", "SUCCEEDED").containsEntry("instance_id", "node-b");
        assertThat(at(runA, "started_at")).as("the two runs sent at the same time").isBefore(at(runB, "ended_at"));
        assertThat(at(runB, "started_at")).isBefore(at(runA, "ended_at"));
        List<RecordedRequest> upserts = upserts();
        assertThat(upserts).hasSize(2 * RECORDS_PER_SYNC);
        // HubSpot's window is rolling: a 429 would mean some window saw more than the limit from the two together
        assertThat(upserts).extracting(RecordedRequest::status).as("zero 429s").containsOnly(200);
        assertThat(HUBSPOT.objects("contacts")).hasSize(2 * RECORDS_PER_SYNC);
        assertThat(budgetUsed()).as("the day's budget counts both instances' calls").isEqualTo(upserts.size());
        HUBSPOT.setBurstLimit(1_000, WINDOW);
    }

    @Test
    @Order(2)
    void aBreakerOpenedOnOneInstanceIsOpenOnTheOtherUntilAReplayOnOneClosesItForBoth() {
        addContacts("down_a", 1, 1);
        addContacts("down_b", 1, 1);
        HUBSPOT.failNextRequests(1, 503);

        runNow(nodeA, "down_a");
        Map<String, Object> failedOnA = awaitRun("down_a", 1);
        int callsBefore = HUBSPOT.requests().size();
        runNow(nodeB, "down_b");
        Map<String, Object> refusedOnB = awaitRun("down_b", 1);

        assertThat(failedOnA).containsEntry("status", "FAILED");
        assertThat(failedOnA.get("error").toString()).startsWith("destination hubspot unavailable: circuit open");
        assertThat(refusedOnB).containsEntry("status", "FAILED").containsEntry("instance_id", "node-b");
        assertThat(refusedOnB.get("error").toString()).as("node-b never called HubSpot itself")
                .startsWith("destination hubspot unavailable: circuit open after 1 failed batches")
                .contains("503");
        assertThat(HUBSPOT.requests()).as("nothing sent by node-b").hasSize(callsBefore);

        // the destination answers again: a replay delivered on node-a is proof enough for node-b too, long
        // before open-for has passed
        ResponseEntity<Map> replay = operator(nodeA).postForEntity("/admin/dead-letters/replay?sync={sync}", null,
                Map.class, "down_a");
        assertThat(replay.getBody()).containsEntry("delivered", 1);
        runNow(nodeB, "down_b");

        assertThat(awaitRun("down_b", 2)).containsEntry("status", "SUCCEEDED");
        assertThat(HUBSPOT.findObject("contacts", "email", "down_b-1@example.com")).isPresent();
        assertThat(budgetUsed()).isEqualTo(HUBSPOT.requests().size());
    }

    @Test
    @Order(3)
    void theDailyBudgetOutlivesARestart() {
        long used = budgetUsed();
        nodeA.close();
        // two calls left of the day's budget: the restarted instance must know what was spent before it
        nodeA = start("node-a", Map.of("sluice.hubspot.daily-limit", String.valueOf(used + 2)));
        int callsBefore = HUBSPOT.requests().size();
        addContacts("after_restart", 1, 4);

        runNow(nodeA, "after_restart");
        Map<String, Object> run = awaitRun("after_restart", 1);

        assertThat(HUBSPOT.requests()).as("calls past the day's budget are not made").hasSize(callsBefore + 2);
        assertThat(((Number) run.get("created")).longValue()).isEqualTo(2);
        assertThat(STATE.jdbc().queryForList("SELECT error_code FROM dead_letter WHERE sync_name = 'after_restart'"
                + " AND status = 'OPEN'", String.class)).containsExactly("DAILY_BUDGET_SPENT", "DAILY_BUDGET_SPENT");
        assertThat(budgetUsed()).isEqualTo(used + 2);
    }

    private static ConfigurableApplicationContext start(String instance, Map<String, String> overrides) {
        Map<String, String> node = SluiceTestProperties.clusterNode(
                SluiceTestProperties.of(routes, WAREHOUSE, STATE, SALESFORCE), instance);
        node.put("sluice.hubspot.base-url", HUBSPOT.baseUrl());
        node.put("sluice.hubspot.token", HUBSPOT.token());
        node.put("sluice.hubspot.requests-per-window", String.valueOf(CALLS_PER_WINDOW));
        node.put("sluice.hubspot.window", WINDOW.toMillis() + "ms");
        node.put("sluice.hubspot.daily-limit", "1000");
        // a call is counted when it leaves and HubSpot counts it when it arrives; on a test machine shared by
        // busy JVMs, the way between takes longer than the default guard of 50 ms now and then
        node.put("sluice.delivery.rate-limit-guard", "200ms");
        node.put("sluice.delivery.max-redeliveries", "0");
        node.put("sluice.delivery.circuit-breaker.failed-batches", "1");
        node.put("sluice.delivery.circuit-breaker.open-for", "1h");
        node.putAll(overrides);
        return new SpringApplicationBuilder(SluiceApplication.class).run(SluiceTestProperties.asArguments(node));
    }

    /** Contacts number {@code from} to {@code to} into the sync's table. */
    private static void addContacts(String sync, int from, int to) {
        for (int i = from; i <= to; i++) {
            WAREHOUSE.jdbc().update("INSERT INTO crm." + sync + " VALUES (?, ?)", sync + "-" + i + "@example.com",
                    "Contact " + i);
        }
    }

    private static ResponseEntity<Map> runNow(ConfigurableApplicationContext node, String sync) {
        return operator(node).postForEntity("/admin/syncs/{name}/run", null, Map.class, sync);
    }

    private static TestRestTemplate operator(ConfigurableApplicationContext node) {
        String port = node.getEnvironment().getProperty("local.server.port");
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + SluiceTestProperties.OPERATOR_TOKEN));
    }

    /** The sync's {@code number}th run, once it has ended. */
    private static Map<String, Object> awaitRun(String sync, int number) {
        String nth = "SELECT * FROM sync_run WHERE sync_name = ? ORDER BY id OFFSET ? LIMIT 1";
        await().atMost(Duration.ofSeconds(60)).until(() -> STATE.jdbc().queryForList(nth, sync, number - 1).stream()
                .anyMatch(run -> run.get("ended_at") != null));
        return STATE.jdbc().queryForMap(nth, sync, number - 1);
    }

    private static List<RecordedRequest> upserts() {
        return HUBSPOT.requests().stream().filter(request -> request.path().equals(UPSERT)).toList();
    }

    private static long budgetUsed() {
        return STATE.jdbc().queryForObject("SELECT used FROM daily_budget WHERE budget_key = 'hubspot'", Long.class);
    }

    private static Instant at(Map<String, Object> run, String column) {
        return ((Timestamp) run.get(column)).toInstant();
    }

    private static String contactsSync(String table) {
        return """
                model:
                  name: contacts
                  primary_key: email
                  query: SELECT email, first_name FROM crm.%s
                destination: hubspot
                external_id_field: email
                mapping:
                  email: email
                  first_name: firstname
                schedule: manual
                sync_mode: full
                hubspot:
                  batch_size: 1
                """.formatted(table);
    }
}
