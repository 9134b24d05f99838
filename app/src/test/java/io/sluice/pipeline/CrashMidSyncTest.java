package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sluice.SluiceApplication;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;
import io.sluice.support.WebhookReceiver;

/**
 * A Sluice process killed in the middle of a large sync (SIGKILL: no shutdown hook, no clean-up) loses
 * nothing: its run is closed as failed, and the next run delivers every record that had not been confirmed,
 * so that the destination ends equal to the warehouse, record by record. Sluice runs in child JVMs; the
 * databases and the Salesforce and Stripe fakes live in this JVM, so they outlive the kill. Events (sync_mode
 * append) are billed once across the kill.
 */
class CrashMidSyncTest {

    private static final String SYNC = "crash_accounts";
    private static final int ROWS = 20_000;
    /** Salesforce's collection limit, and so the most records one in-flight upsert carries. */
    private static final int BATCH = 200;
    private static final int BATCHES_IN_FLIGHT = 4;
    /** {@link SluiceTestProperties#clusterNode}'s lease duration and renewal. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEWAL = Duration.ofSeconds(1);
    /** Time for the state store and a busy machine, beyond the one renewal the closing may wait for. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final WebhookReceiver WEBHOOK = WebhookReceiver.start();
    private static final StripeSandbox STRIPE = StripeSandbox.start(0);
    /** Usage rows of the meter-event sync: one Stripe request each. */
    private static final int EVENTS = 400;

    private final TestDatabase warehouse = TestDatabases.postgres("crash_warehouse");
    private final TestDatabase state = TestDatabases.postgres("crash_state");
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void freshFakes() {
        SALESFORCE.reset();
        WEBHOOK.reset();
        STRIPE.reset();
    }

    @AfterEach
    void killChildren() {
        processes.forEach(Process::destroyForcibly);
    }

    @AfterAll
    static void stopFakes() {
        SALESFORCE.close();
        WEBHOOK.close();
        STRIPE.close();
    }

    @Test
    void aProcessKilledMidSyncLosesNothingAndTheNextProcessCompletesTheDestination() throws Exception {
        Path routes = prepareWarehouseAndSyncFile("\"0/1 * * * * ?\"");
        Process first = launch(routes, "crash-1", Map.of()).process();
        await("the first process delivers part of the sync").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> SALESFORCE.records("Account").size() >= 5 * BATCH || !first.isAlive());
        first.destroyForcibly();
        first.waitFor();
        int deliveredBeforeKill = SALESFORCE.records("Account").size();
        assertThat(deliveredBeforeKill).as("killed mid-sync (see %s)", log("crash-1"))
                .isBetween(1, ROWS - 1);
        assertThat(state().queryForList("SELECT status FROM sync_run WHERE sync_name = ?", String.class, SYNC))
                .as("the killed process had no chance to close its run").containsExactly("RUNNING");

        long renamedAlreadyConfirmed = renameSomeAccounts();

        Process second = launch(routes, "crash-2", Map.of()).process();
        await("a run of the second process completes").atMost(Duration.ofSeconds(120))
                .until(() -> !second.isAlive() || state().queryForObject("SELECT COUNT(*) FROM sync_run"
                        + " WHERE sync_name = ? AND instance_id = 'crash-2' AND status = 'SUCCEEDED'",
                        Integer.class, SYNC) > 0);
        assertThat(second.isAlive()).as("second process running (see %s)", log("crash-2")).isTrue();

        assertSalesforceHoldsTheWarehouse(deliveredBeforeKill, renamedAlreadyConfirmed);
        List<Map<String, Object>> runs = state().queryForList(
                "SELECT instance_id, status, error FROM sync_run WHERE sync_name = ? ORDER BY id", SYNC);
        assertThat(runs.get(0)).containsEntry("instance_id", "crash-1").containsEntry("status", "FAILED");
        assertThat(runs).filteredOn(run -> run.get("status").equals("RUNNING"))
                .as("only the live process's scheduled runs are in progress")
                .allSatisfy(run -> assertThat(run).containsEntry("instance_id", "crash-2"));
        assertThat(runs.get(0).get("error").toString()).contains("stopped while this run was in progress");
    }

    @Test
    void aRunKilledMidSyncIsShownFailedWithinItsLeaseWithoutAnotherRunAndTheNextRunDeliversTheRest()
            throws Exception {
        Path routes = prepareWarehouseAndSyncFile("manual");
        Map<String, String> alerts = Map.of("sluice.alerts.enabled", "true", "sluice.alerts.slack.enabled", "false",
                "sluice.alerts.webhook.url", WEBHOOK.url());
        Node doomed = launch(routes, "crash-doomed", alerts);
        Node survivor = launch(routes, "crash-survivor", alerts);
        TestRestTemplate onDoomed = doomed.awaitAdminApi();
        TestRestTemplate onSurvivor = survivor.awaitAdminApi();

        ResponseEntity<JsonNode> started = onDoomed.postForEntity("/admin/syncs/{sync}/run", null, JsonNode.class,
                SYNC);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long runId = started.getBody().path("runId").asLong();
        await("the doomed process delivers part of the sync").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> SALESFORCE.records("Account").size() >= 5 * BATCH || !doomed.process().isAlive());
        doomed.process().destroyForcibly();
        doomed.process().waitFor();
        Instant killed = Instant.now();
        int deliveredBeforeKill = SALESFORCE.records("Account").size();
        assertThat(deliveredBeforeKill).as("killed mid-sync (see %s)", log("crash-doomed"))
                .isBetween(1, ROWS - 1);

        await("the survivor shows the run failed").atMost(LEASE.plus(RENEWAL).plus(SLACK))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> run(onSurvivor, runId).path("status").asText().equals("FAILED"));
        System.out.printf("crash mid-sync: the run was shown failed %d ms after the kill%n",
                Duration.between(killed, Instant.now()).toMillis());
        JsonNode closed = run(onSurvivor, runId);
        assertThat(closed.path("error").asText())
                .isEqualTo("the Sluice instance running it stopped while this run was in progress");
        assertThat(closed.path("instance").asText()).isEqualTo("crash-doomed");
        assertThat(state().queryForObject("SELECT COUNT(*) FROM sync_run WHERE sync_name = ?", Integer.class, SYNC))
                .as("no run was started to find the crashed one out").isEqualTo(1);
        JsonNode health = survivor.admin(SluiceTestProperties.VIEWER_TOKEN)
                .getForObject("/actuator/health/syncs/{sync}", JsonNode.class, SYNC);
        assertThat(health.path("details").path("lastRunStatus").asText()).isEqualTo("FAILED");
        await("the alert about the failed run").atMost(Duration.ofSeconds(10))
                .until(() -> !WEBHOOK.received().isEmpty());
        assertThat(WEBHOOK.received()).singleElement().satisfies(alert -> {
            assertThat(alert.path("state").asText()).isEqualTo("ALERT");
            assertThat(alert.path("kind").asText()).isEqualTo("RUN_FAILED");
            assertThat(alert.path("message").asText()).isEqualTo("run " + runId
                    + " failed: the Sluice instance running it stopped while this run was in progress");
        });

        long renamedAlreadyConfirmed = renameSomeAccounts();
        long nextRun = onSurvivor.postForEntity("/admin/syncs/{sync}/run", null, JsonNode.class, SYNC)
                .getBody().path("runId").asLong();
        await("the next run completes").atMost(Duration.ofSeconds(120))
                .until(() -> !run(onSurvivor, nextRun).path("status").asText().equals("RUNNING"));
        assertThat(run(onSurvivor, nextRun).path("status").asText()).isEqualTo("SUCCEEDED");

        assertSalesforceHoldsTheWarehouse(deliveredBeforeKill, renamedAlreadyConfirmed);
        assertThat(WEBHOOK.received()).extracting(alert -> alert.path("state").asText() + " "
                + alert.path("kind").asText()).containsExactly("ALERT RUN_FAILED", "RECOVERED RUN_FAILED");
    }

    /**
     * Events (sync_mode append) sent by a process killed mid-run: the next process sends the rest, and the event
     * whose answer the kill cut off again under its identifier and idempotency key; Stripe bills each once.
     */
    @Test
    void meterEventsOfAProcessKilledMidRunAreEachBilledOnce() throws Exception {
        STRIPE.addCustomer("cus_crash", "crash@example.com", "Crash");
        STRIPE.limitRequestsPerSecond(1000);
        warehouse.jdbc().execute("CREATE SCHEMA metered");
        warehouse.jdbc().execute("CREATE TABLE metered.calls AS SELECT 'u-' || g AS usage_id, 'cus_crash' AS customer,"
                + " g AS api_calls FROM generate_series(1, " + EVENTS + ") AS g");
        Path routes = Files.createTempDirectory("sluice-crash-usage");
        Files.writeString(routes.resolve(SYNC + ".yaml"), """
                model:
                  name: usage
                  query: SELECT usage_id, customer, api_calls FROM metered.calls ORDER BY api_calls
                destination: stripe
                object: meter_event
                mapping:
                  usage_id: usage_id
                  customer: stripe_customer_id
                  api_calls: value
                stripe:
                  event_name: api_calls
                schedule: "0/1 * * * * ?"
                sync_mode: append
                """);
        Map<String, String> stripe = Map.of("sluice.stripe.api-base", STRIPE.baseUrl(),
                "sluice.stripe.api-key", StripeSandbox.DEMO_API_KEY, "sluice.stripe.requests-per-second", "100");

        Process first = launch(routes, "usage-1", stripe).process();
        await("the first process bills part of the usage").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> STRIPE.meterEvents().size() >= EVENTS / 4 || !first.isAlive());
        first.destroyForcibly();
        first.waitFor();
        int billedBeforeKill = STRIPE.meterEvents().size();
        assertThat(billedBeforeKill).as("killed mid-run (see %s)", log("usage-1")).isBetween(1, EVENTS - 1);

        Process second = launch(routes, "usage-2", stripe).process();
        await("a run of the second process completes").atMost(Duration.ofSeconds(120))
                .until(() -> !second.isAlive() || state().queryForObject("SELECT COUNT(*) FROM sync_run"
                        + " WHERE sync_name = ? AND instance_id = 'usage-2' AND status = 'SUCCEEDED'",
                        Integer.class, SYNC) > 0);
        assertThat(second.isAlive()).as("second process running (see %s)", log("usage-2")).isTrue();

        assertThat(STRIPE.meterEvents()).as("every usage row billed").hasSize(EVENTS)
                .extracting(event -> event.payload().get("value"))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, EVENTS).mapToObj(String::valueOf)
                        .toList());
        assertThat(STRIPE.duplicateMeterEvents()).as("events Stripe refused as sent before").isZero();
        long sentAgain = STRIPE.requests().stream().filter(StripeSandbox.RecordedRequest::replayed).count();
        System.out.printf("crash mid-run: %d of %d events billed before the kill, %d asked again and answered"
                + " from Stripe's idempotency keys%n", billedBeforeKill, EVENTS, sentAgain);
    }

    /**
     * A process killed while its Bulk API 2.0 job is in progress in Salesforce: Salesforce completes the orphaned
     * job all the same, and the next run, which knows nothing of it, upserts those records again by external id —
     * updating what the orphan created, never creating it twice — and delivers the rest.
     */
    @Test
    void aProcessKilledWhileABulkJobIsInProgressLosesNothingAndTheNextRunCreatesNothingTwice() throws Exception {
        Path routes = prepareWarehouseAndSyncFile("manual");
        // 20,000 planned upserts cross the default threshold of 10,000: two jobs of 10,000, one after the other
        Map<String, String> bulk = Map.of("sluice.salesforce.bulk-threshold", "10000",
                "sluice.salesforce.bulk-poll-interval", "200ms", "sluice.delivery.batches-in-flight", "1");
        SALESFORCE.holdIngestJobs(true);
        Node doomed = launch(routes, "bulk-doomed", bulk);
        ResponseEntity<JsonNode> started = doomed.awaitAdminApi().postForEntity("/admin/syncs/{sync}/run", null,
                JsonNode.class, SYNC);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await("the first job is closed and polled while Salesforce works on it").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jobPolls() >= 2 || !doomed.process().isAlive());
        doomed.process().destroyForcibly();
        doomed.process().waitFor();
        assertThat(SALESFORCE.bulkJobsCreated()).as("killed mid-job (see %s)", log("bulk-doomed")).hasSize(1);
        assertThat(state().queryForObject("SELECT COUNT(*) FROM record_state WHERE sync_name = ?", Integer.class,
                SYNC)).as("nothing committed before Salesforce answered").isZero();

        assertThat(SALESFORCE.finishClosedIngestJobs()).as("the orphaned job").isEqualTo(1);
        int createdByTheOrphan = SALESFORCE.records("Account").size();
        assertThat(createdByTheOrphan).isBetween(1, ROWS - 1);
        renameSomeAccounts();

        Node survivor = launch(routes, "bulk-survivor", bulk);
        TestRestTemplate onSurvivor = survivor.awaitAdminApi();
        long killedRun = started.getBody().path("runId").asLong();
        await("the survivor closes the killed run").atMost(LEASE.plus(RENEWAL).plus(SLACK).plus(Duration.ofSeconds(10)))
                .until(() -> run(onSurvivor, killedRun).path("status").asText().equals("FAILED"));
        long nextRun = onSurvivor.postForEntity("/admin/syncs/{sync}/run", null, JsonNode.class, SYNC)
                .getBody().path("runId").asLong();
        await("the next run completes").atMost(Duration.ofSeconds(120))
                .until(() -> !run(onSurvivor, nextRun).path("status").asText().equals("RUNNING"));

        JsonNode next = run(onSurvivor, nextRun);
        assertThat(next.path("status").asText()).as("see %s", log("bulk-survivor")).isEqualTo("SUCCEEDED");
        assertThat(SALESFORCE.bulkJobsCreated()).as("the orphan and the next run's two").hasSize(3);
        assertSalesforceHoldsTheWarehouse();
        System.out.printf("crash mid-bulk-job: the orphaned job created %d of %d records; the next run upserted"
                + " them again by external id%n", createdByTheOrphan, ROWS);
    }

    /** Polls of a Bulk job's state (not of its results). */
    private static long jobPolls() {
        return SALESFORCE.calls().stream().filter(call -> call.method().equals("GET")
                && call.path().matches(".*/jobs/ingest/[^/]+/?")).count();
    }

    private Path prepareWarehouseAndSyncFile(String schedule) throws IOException {
        JdbcTemplate warehouse = this.warehouse.jdbc();
        warehouse.execute("CREATE SCHEMA crash");
        warehouse.execute("CREATE TABLE crash.accounts (seq INTEGER PRIMARY KEY, account_number VARCHAR(20),"
                + " name VARCHAR(100))");
        warehouse.update("INSERT INTO crash.accounts SELECT g, 'CR-' || g, 'Account ' || g"
                + " FROM generate_series(1, ?) AS g", ROWS);
        // paces the read (a short pause every batch's worth of rows) so that the sync lasts a few seconds
        warehouse.execute("""
                CREATE FUNCTION crash.paced(seq INTEGER) RETURNS BOOLEAN VOLATILE LANGUAGE plpgsql AS $$
                BEGIN
                  IF seq % 200 = 0 THEN PERFORM pg_sleep(0.03); END IF;
                  RETURN TRUE;
                END $$""");
        Path routes = Files.createTempDirectory("sluice-crash-routes");
        Files.writeString(routes.resolve(SYNC + ".yaml"), """
                model:
                  name: accounts
                  query: SELECT account_number, name FROM crash.accounts WHERE crash.paced(seq)
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: %s
                sync_mode: full
                """.formatted(schedule));
        return routes;
    }

    /** While no run is in progress the warehouse moves on: delivered and undelivered rows change. */
    private long renameSomeAccounts() {
        List<String> renamed = warehouse.jdbc().queryForList(
                "SELECT account_number FROM crash.accounts WHERE seq % 1000 = 0", String.class);
        warehouse.jdbc().update("UPDATE crash.accounts SET name = name || ' (renamed)' WHERE seq % 1000 = 0");
        return renamed.stream().filter(key -> state().queryForObject(
                "SELECT COUNT(*) FROM record_state WHERE sync_name = ? AND record_key = ?", Integer.class,
                SYNC, key) > 0).count();
    }

    /** Every record arrived once with the warehouse's values; only the batches in flight at the kill went twice. */
    private void assertSalesforceHoldsTheWarehouse(int deliveredBeforeKill, long renamedAlreadyConfirmed) {
        assertSalesforceHoldsTheWarehouse();
        long sent = SALESFORCE.upserts("Account").stream()
                .filter(call -> call.status() == 200)
                .mapToLong(SalesforceSandbox.RecordedCall::records).sum();
        long deliveredTwice = sent - ROWS - renamedAlreadyConfirmed;
        System.out.printf("crash mid-sync: %d of %d records delivered before the kill, %d delivered twice%n",
                deliveredBeforeKill, ROWS, deliveredTwice);
        assertThat(deliveredTwice).as("at most the batches in flight at the kill are sent again")
                .isBetween(0L, (long) BATCHES_IN_FLIGHT * BATCH);
    }

    /** One Salesforce record per warehouse row, with its values, and each in the state store. */
    private void assertSalesforceHoldsTheWarehouse() {
        Map<String, String> expected = warehouse.jdbc().query("SELECT account_number, name FROM crash.accounts",
                (row, i) -> Map.entry(row.getString(1), row.getString(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Map<String, Object>> atSalesforce = SALESFORCE.records("Account");
        Map<String, String> held = atSalesforce.stream().collect(Collectors.toMap(
                account -> account.get("Account_Number__c").toString(), account -> account.get("Name").toString()));
        assertThat(atSalesforce).as("one record per key").hasSameSizeAs(held.keySet());
        assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(differences(expected, held)).as("records whose values differ from the warehouse").isEmpty();
        assertThat(state().queryForList("SELECT record_key FROM record_state WHERE sync_name = ?", String.class,
                SYNC)).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    /** A launched Sluice process and the port its admin API listens on. */
    private record Node(String instance, Process process, int port) {

        TestRestTemplate admin(String token) {
            return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        }

        /** The admin API as an operator reaches it, once the process answers. */
        TestRestTemplate awaitAdminApi() {
            TestRestTemplate operator = admin(SluiceTestProperties.OPERATOR_TOKEN);
            await(instance + " answers").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> {
                        assertThat(process.isAlive()).as("%s running (see %s)", instance, log(instance)).isTrue();
                        // the web server answers before Camel has started, and a run asked for then fails
                        return Files.readString(log(instance)).contains("Started SluiceApplication")
                                && operator.getForEntity("/admin/syncs/{sync}", JsonNode.class, SYNC).getStatusCode()
                                == HttpStatus.OK;
                    });
            return operator;
        }
    }

    /**
     * Sluice as deployed: its own JVM, the production cluster settings, configured by arguments only.
     *
     * @param settings beyond those every process here has
     */
    private Node launch(Path routes, String instance, Map<String, String> settings) throws IOException {
        Map<String, String> properties = SluiceTestProperties.clusterNode(
                SluiceTestProperties.of(routes, warehouse, state, SALESFORCE), instance);
        properties.put("sluice.delivery.batches-in-flight", String.valueOf(BATCHES_IN_FLIGHT));
        // the first test's sync fires every second, so that the second process runs it at once
        properties.put("sluice.schedule.min-interval", "1s");
        // the kill lands between sObject Collections calls; a delta this size would otherwise go as Bulk API jobs
        properties.put("sluice.salesforce.bulk-threshold", "1000000");
        int port = freePort();
        properties.put("server.port", String.valueOf(port));
        properties.putAll(settings);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                SluiceApplication.class.getName()));
        command.addAll(List.of(SluiceTestProperties.asArguments(properties)));
        Files.createDirectories(log(instance).getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(instance).toFile())
                .start();
        processes.add(process);
        return new Node(instance, process, port);
    }

    private static JsonNode run(TestRestTemplate http, long id) {
        return http.getForObject("/admin/runs/{id}", JsonNode.class, id);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path log(String instance) {
        return Path.of("target", "crash-mid-sync-" + instance + ".log").toAbsolutePath();
    }

    private JdbcTemplate state() {
        return state.jdbc();
    }

    private static List<String> differences(Map<String, String> expected, Map<String, String> held) {
        return expected.entrySet().stream()
                .filter(row -> !Objects.equals(row.getValue(), held.get(row.getKey())))
                .map(row -> row.getKey() + ": expected '" + row.getValue() + "', Salesforce holds '"
                        + held.get(row.getKey()) + "'")
                .limit(20)
                .toList();
    }
}
