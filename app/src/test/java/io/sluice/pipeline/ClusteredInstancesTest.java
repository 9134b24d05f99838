package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sluice.SluiceApplication;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Two Sluice instances sharing one PostgreSQL state store, started with the {@code cluster} profile that
 * production uses: the schedule fires on one instance at a time, a sync never runs on both at once, and
 * when one instance goes away the other keeps the schedule.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusteredInstancesTest {

    private static final String SCHEDULED = "cluster_accounts";
    private static final String SLOW = "cluster_slow_leads";
    private static final String RETIRED = "cluster_retired_accounts";
    private static final String PAUSED = "cluster_paused_leads";
    private static final String STALLED = "cluster_stalled_leads";

    private static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    private static final TestDatabase WAREHOUSE = TestDatabases.postgres("cluster_warehouse");
    private static final TestDatabase STATE = TestDatabases.postgres("cluster_state");

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static final ListAppender<ILoggingEvent> RUNNER_LOG = new ListAppender<>();
    private static int accounts;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        warehouse.execute("CREATE SCHEMA crm");
        warehouse.execute("CREATE TABLE crm.cluster_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.cluster_slow_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.cluster_paused_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE crm.cluster_stalled_leads (email VARCHAR(200), company VARCHAR(100))");
        Path routes = Files.createTempDirectory("sluice-cluster-routes");
        Files.writeString(routes.resolve(SCHEDULED + ".yaml"),
                accountsSync("crm.cluster_accounts", "\"0/2 * * * * ?\""));
        // pg_sleep keeps the run busy long enough for the other instance to ask for the same sync
        Files.writeString(routes.resolve(SLOW + ".yaml"), slowLeadsSync(SLOW, 2));
        Files.writeString(routes.resolve(RETIRED + ".yaml"), accountsSync("crm.cluster_accounts", "every_day"));
        // time for the lease to be taken from under the run
        Files.writeString(routes.resolve(PAUSED + ".yaml"), slowLeadsSync(PAUSED, 5));
        // time for the lease to expire under the run, and for its instance to come back, before it sends
        Files.writeString(routes.resolve(STALLED + ".yaml"), slowLeadsSync(STALLED, 10));

        nodeA = start(routes, "node-a");
        nodeB = start(routes, "node-b");
        // after both started: Spring Boot resets logging when an application starts
        Logger runnerLogger = (Logger) LoggerFactory.getLogger(SyncRunner.class);
        RUNNER_LOG.start();
        runnerLogger.addAppender(RUNNER_LOG);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(SyncRunner.class)).detachAppender(RUNNER_LOG);
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null && nodeA.isActive()) {
            nodeA.close();
        }
        SALESFORCE.close();
    }

    @Test
    @Order(1)
    void aManualRunAskedOnBothInstancesAtOnceRunsOnceAndTheOtherGets409() {
        WAREHOUSE.jdbc().update("INSERT INTO crm.cluster_slow_leads VALUES ('slow@example.com', 'Slow Ltd')");

        CompletableFuture<ResponseEntity<Map>> onA = CompletableFuture.supplyAsync(() -> runNow(nodeA, SLOW));
        CompletableFuture<ResponseEntity<Map>> onB = CompletableFuture.supplyAsync(() -> runNow(nodeB, SLOW));
        List<ResponseEntity<Map>> answers = List.of(onA.join(), onB.join());

        assertThat(answers).extracting(ResponseEntity::getStatusCode)
                .containsExactlyInAnyOrder(HttpStatus.ACCEPTED, HttpStatus.CONFLICT);
        ResponseEntity<Map> refused = answers.stream()
                .filter(answer -> answer.getStatusCode() == HttpStatus.CONFLICT).findFirst().orElseThrow();
        assertThat(refused.getBody().get("detail").toString()).contains("already running");
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(SLOW).stream()
                .allMatch(run -> run.get("status").equals("SUCCEEDED")));
        assertThat(runs(SLOW)).hasSize(1);
        assertThat(SALESFORCE.records("Lead")).singleElement()
                .satisfies(lead -> assertThat(lead).containsEntry("Email", "slow@example.com"));
        assertThat(deliveredRecords("Lead")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void eachScheduledRunFiresOnOneInstanceAndEveryRecordArrivesOnceThenTheSurvivorKeepsTheSchedule() {
        assertThat(STATE.jdbc().queryForList("SELECT instance_name FROM qrtz_scheduler_state", String.class))
                .as("both instances are members of one Quartz cluster").hasSize(2);
        assertThat(triggers(SCHEDULED)).as("one shared trigger").isEqualTo(1);

        // new rows arrive while the schedule runs; each round is picked up by some scheduled run
        for (int round = 1; round <= 4; round++) {
            addAccountsAndAwaitDelivery(50);
        }
        awaitNoRunInProgress();

        List<Map<String, Object>> runs = runs(SCHEDULED);
        assertThat(runs).isNotEmpty().allSatisfy(run -> {
            assertThat(run).containsEntry("run_trigger", "SCHEDULE").containsEntry("status", "SUCCEEDED");
            assertThat(run.get("instance_id")).isIn("node-a", "node-b");
        });
        assertThat(skippedScheduledRuns()).as("no fire found the sync already running on the other instance")
                .isEmpty();
        assertEveryAccountDeliveredExactlyOnce();

        nodeA.close();
        long lastRunBefore = runs(SCHEDULED).stream().mapToLong(run -> ((Number) run.get("id")).longValue())
                .max().orElseThrow();
        addAccountsAndAwaitDelivery(50);
        awaitNoRunInProgress();

        assertThat(runs(SCHEDULED)).filteredOn(run -> ((Number) run.get("id")).longValue() > lastRunBefore)
                .isNotEmpty()
                .allSatisfy(run -> assertThat(run).containsEntry("instance_id", "node-b")
                        .containsEntry("status", "SUCCEEDED"));
        assertEveryAccountDeliveredExactlyOnce();
    }

    @Test
    @Order(3)
    void anInstanceStartedWithoutASyncFileRemovesThatSyncsScheduleFromTheCluster() throws IOException {
        assertThat(triggers(RETIRED)).isEqualTo(1);
        Path routes = Files.createTempDirectory("sluice-cluster-routes");
        Files.writeString(routes.resolve(SCHEDULED + ".yaml"),
                accountsSync("crm.cluster_accounts", "\"0/2 * * * * ?\""));

        try (ConfigurableApplicationContext nodeC = start(routes, "node-c")) {
            assertThat(triggers(RETIRED)).as("the removed sync's trigger").isZero();
            assertThat(triggers(SCHEDULED)).isEqualTo(1);
        }
    }

    private static int triggers(String sync) {
        return STATE.jdbc().queryForObject("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = ?",
                Integer.class, sync);
    }

    @Test
    @Order(4)
    void aRunWhoseLeaseAnotherInstanceTookOverSendsNothingMoreAndEndsFailedSayingSo() {
        WAREHOUSE.jdbc().update("INSERT INTO crm.cluster_paused_leads VALUES ('paused@example.com', 'Paused Ltd')");
        ConfigurableApplicationContext node = nodeA.isActive() ? nodeA : nodeB;
        String instance = node.getEnvironment().getProperty("sluice.cluster.instance-id");

        assertThat(runNow(node, PAUSED).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // as if the instance had paused past its lease and node-c had taken the sync over meanwhile
        await().atMost(Duration.ofSeconds(5)).until(() -> STATE.jdbc().update("UPDATE sync_lease SET owner = 'node-c',"
                + " expires_at = expires_at + INTERVAL '1 hour' WHERE sync_name = ?", PAUSED) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(PAUSED).stream()
                .noneMatch(run -> run.get("status").equals("RUNNING")));

        assertThat(runs(PAUSED)).singleElement().satisfies(run -> {
            assertThat(run).containsEntry("status", "FAILED");
            assertThat(run.get("error").toString()).contains(instance + " lost the lease", "to instance node-c",
                    "stops sending");
        });
        assertThat(SALESFORCE.findRecord("Lead", "Email", "paused@example.com")).isEmpty();
        assertThat(STATE.jdbc().queryForObject("SELECT owner FROM sync_lease WHERE sync_name = ?", String.class,
                PAUSED)).as("the lease stays with the instance that took it").isEqualTo("node-c");
    }

    @Test
    @Order(5)
    void aRunWhoseInstancePausedPastItsLeaseIsClosedAsFailedOnceAndSendsNothingWhenTheInstanceResumes()
            throws Exception {
        WAREHOUSE.jdbc().update("INSERT INTO crm.cluster_stalled_leads VALUES ('stalled@example.com', 'Stalled Ltd')");
        ConfigurableApplicationContext node = nodeA.isActive() ? nodeA : nodeB;
        RouteController routes = node.getBean(CamelContext.class).getRouteController();
        // node-c's start reset logging, which stopped and removed the runner's appender
        RUNNER_LOG.start();
        ((Logger) LoggerFactory.getLogger(SyncRunner.class)).addAppender(RUNNER_LOG);

        assertThat(runNow(node, STALLED).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // as if the instance had paused (a long GC, a suspended VM): its lease is not renewed
        await().atMost(Duration.ofSeconds(5)).until(() -> runs(STALLED).size() == 1);
        assertThat(routes.getRouteStatus("lease-renewal").isStarted()).isTrue();
        routes.stopRoute("lease-renewal");
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(STALLED).get(0).get("status").equals("FAILED"));
        assertThat(runs(STALLED).get(0).get("error").toString())
                .isEqualTo("the Sluice instance running it stopped while this run was in progress");
        // the instance resumes while its run still reads
        routes.startRoute("lease-renewal");
        await().atMost(Duration.ofSeconds(30)).until(() -> RUNNER_LOG.list.stream()
                .anyMatch(line -> line.getFormattedMessage().startsWith("Run " + runs(STALLED).get(0).get("id")
                        + " of sync '" + STALLED + "' had been closed as failed")));

        assertThat(SALESFORCE.findRecord("Lead", "Email", "stalled@example.com")).as("sent after it was closed")
                .isEmpty();
        assertThat(runs(STALLED)).singleElement().satisfies(run -> assertThat(run).containsEntry("status", "FAILED")
                .containsEntry("error", "the Sluice instance running it stopped while this run was in progress"));
        assertThat(node.getBean(MeterRegistry.class).get("sluice.run.duration").tags("sync", STALLED).timers())
                .as("runs ended, as metrics and alerts hear of them").singleElement()
                .satisfies(timer -> {
                    assertThat(timer.getId().getTag("status")).isEqualTo("FAILED");
                    assertThat(timer.count()).isEqualTo(1);
                });
    }

    private static ConfigurableApplicationContext start(Path routes, String instance) {
        Map<String, String> node = SluiceTestProperties.clusterNode(
                SluiceTestProperties.of(routes, WAREHOUSE, STATE, SALESFORCE), instance);
        // cluster_accounts fires every two seconds, so that its runs are many and shared within the test
        node.put("sluice.schedule.min-interval", "1s");
        // as arguments: SpringApplicationBuilder.properties() would rank below config/application.yaml
        return new SpringApplicationBuilder(SluiceApplication.class).run(SluiceTestProperties.asArguments(node));
    }

    private static ResponseEntity<Map> runNow(ConfigurableApplicationContext node, String sync) {
        String port = node.getEnvironment().getProperty("local.server.port");
        TestRestTemplate http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + SluiceTestProperties.OPERATOR_TOKEN));
        return http.postForEntity("/admin/syncs/{name}/run", null, Map.class, sync);
    }

    private static void addAccountsAndAwaitDelivery(int count) {
        int first = accounts + 1;
        for (int i = first; i < first + count; i++) {
            WAREHOUSE.jdbc().update("INSERT INTO crm.cluster_accounts VALUES (?, ?)", "CL-" + i, "Account " + i);
        }
        accounts += count;
        await().atMost(Duration.ofSeconds(30)).until(() -> SALESFORCE.findRecord("Account", "Account_Number__c",
                "CL-" + accounts).isPresent());
    }

    /** For a moment: once an instance has left, Quartz fires the fires it missed back to back. */
    private static void awaitNoRunInProgress() {
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofMillis(500)).until(() -> STATE.jdbc().queryForObject(
                "SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'", Integer.class) == 0);
    }

    private static void assertEveryAccountDeliveredExactlyOnce() {
        Map<String, Object> names = SALESFORCE.records("Account").stream()
                .collect(Collectors.toMap(account -> account.get("Account_Number__c").toString(),
                        account -> account.get("Name")));
        assertThat(names).hasSize(accounts);
        for (int i = 1; i <= accounts; i++) {
            assertThat(names).containsEntry("CL-" + i, "Account " + i);
        }
        assertThat(deliveredRecords("Account")).as("records sent to Salesforce, over every call")
                .isEqualTo(accounts);
        assertThat(STATE.jdbc().queryForObject("SELECT COUNT(*) FROM record_state WHERE sync_name = ?",
                Integer.class, SCHEDULED)).isEqualTo(accounts);
    }

    /** Records carried by the upserts Salesforce accepted, over every call: a record sent twice counts twice. */
    private static long deliveredRecords(String object) {
        return SALESFORCE.upserts(object).stream()
                .filter(call -> call.status() == 200)
                .mapToLong(SalesforceSandbox.RecordedCall::records)
                .sum();
    }

    private static List<Map<String, Object>> runs(String sync) {
        return STATE.jdbc().queryForList("SELECT * FROM sync_run WHERE sync_name = ? ORDER BY id", sync);
    }

    private static List<String> skippedScheduledRuns() {
        return RUNNER_LOG.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("skipping this scheduled run")).toList();
    }

    /** Leads read from the table named after the sync, the read taking {@code seconds}. */
    private static String slowLeadsSync(String sync, int seconds) {
        return """
                model:
                  query: SELECT email, company FROM crm.%s CROSS JOIN (SELECT pg_sleep(%d) AS pause) AS slow
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                schedule: manual
                sync_mode: full
                """.formatted(sync, seconds);
    }

    private static String accountsSync(String table, String schedule) {
        return """
                model:
                  name: accounts
                  query: SELECT account_number, name FROM %s
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: %s
                sync_mode: full
                """.formatted(table, schedule);
    }
}
