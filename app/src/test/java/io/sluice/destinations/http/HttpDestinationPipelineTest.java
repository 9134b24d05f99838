package io.sluice.destinations.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.OutboundRecord;
import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.http.IntercomSandbox.ReceivedRequest;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.support.AdminLists;
import io.sluice.support.ShippedSyncFiles;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;
import io.sluice.sync.SyncCatalog;

/**
 * The generic HTTP destination end to end: sync files, the H2 warehouse and state store, Sluice's real
 * camel-http client, and what the Intercom fake (or an internal service) received, request by request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HttpDestinationPipelineTest {

    static final String TOKEN = "itk_" + UUID.randomUUID();
    static final String WRONG_TOKEN = "wrong_" + UUID.randomUUID();
    static final String INTERNAL_KEY = "ik_" + UUID.randomUUID();
    static final IntercomSandbox INTERCOM = IntercomSandbox.start(0, TOKEN);
    static final RecordingServer INTERNAL = RecordingServer.start();
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    /** Accepts connections into its backlog and never answers: every call to it times out. */
    static final ServerSocket SILENT = silentServer();
    static final TestDatabase WAREHOUSE = TestDatabases.h2("http_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("http_state");
    static final ObjectMapper JSON = new ObjectMapper();
    static final int BATCHES_IN_FLIGHT = 3;

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    SyncCatalog catalog;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        Path routes = writeSyncFiles();
        createWarehouse();
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.http.endpoints.intercom", INTERCOM::baseUrl);
        registry.add("sluice.http.endpoints.internal", () -> INTERNAL.baseUrl() + "/");
        registry.add("sluice.http.endpoints.silent", () -> "http://127.0.0.1:" + SILENT.getLocalPort());
        registry.add("sluice.http.secrets.intercom_token", () -> TOKEN);
        registry.add("sluice.http.secrets.wrong_token", () -> WRONG_TOKEN);
        registry.add("sluice.http.secrets.internal_key", () -> INTERNAL_KEY);
        registry.add("sluice.http.connect-timeout", () -> "500ms");
        registry.add("sluice.http.response-timeout", () -> "500ms");
        registry.add("sluice.http.rate-limit.requests", () -> "1000");
        registry.add("sluice.delivery.batches-in-flight", () -> String.valueOf(BATCHES_IN_FLIGHT));
    }

    @BeforeEach
    void resetFakes() {
        INTERCOM.reset();
        INTERNAL.reset();
    }

    @AfterAll
    static void stopFakes() throws IOException {
        INTERCOM.close();
        INTERNAL.close();
        SILENT.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theShippedIntercomSyncCreatesContactsThenUpdatesThemByIntercomsIdAndSendsNothingUnchanged() throws Exception {
        SyncRun first = runner.run("intercom_contacts", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(first.counts().read()).isEqualTo(200);
        assertThat(first.counts().created()).isEqualTo(199);
        assertThat(INTERCOM.requests()).hasSize(200).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/contacts");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("Intercom-Version")).isEqualTo("2.11");
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("Content-Type")).startsWith("application/json");
        });
        // the demo warehouse holds one e-mail address Intercom refuses, on purpose
        assertThat(first.counts().deadLettered()).isEqualTo(1);
        assertThat(deadLetters("intercom_contacts")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("recordKey", "cus_00055").containsEntry("errorCode", "HTTP_400");
            assertThat(letter.get("errorMessage").toString()).contains("parameter_invalid", "billing@@example.org");
        });
        assertThat(JSON.readTree(request("POST", "cus_00001").body())).isEqualTo(JSON.readTree("""
                {"role": "user", "external_id": "cus_00001", "email": "tim.thompson.c1@example.org",
                 "name": "Tim Thompson", "custom_attributes": {"lifetime_value": 381.58, "churn_score": 0.8823,
                 "product_tier": "pro", "last_activity_at": "2026-11-13T09:30:00Z"}}"""));
        assertThat(INTERCOM.contacts()).hasSize(199);
        String intercomId = contactId("cus_00002");
        assertThat(state.records("intercom_contacts")).filteredOn(record -> record.key().equals("cus_00002"))
                .singleElement().extracting(RecordStateStore.StoredRecord::destinationId).isEqualTo(intercomId);

        SyncRun unchanged = runner.run("intercom_contacts", SyncRun.Trigger.MANUAL);
        assertThat(unchanged.counts().unchanged()).isEqualTo(200);
        assertThat(INTERCOM.requests()).as("a second run with no change sends nothing").hasSize(200);

        warehouse().update("UPDATE analytics.customer_360 SET churn_score = 0.1, name = 'Edsger \"E\" Backus'"
                + " WHERE customer_id = 'cus_00002'");
        SyncRun oneChange = runner.run("intercom_contacts", SyncRun.Trigger.MANUAL);

        assertThat(oneChange.counts().updated()).isEqualTo(1);
        assertThat(oneChange.counts().created()).isZero();
        assertThat(INTERCOM.requests()).hasSize(201);
        ReceivedRequest update = INTERCOM.requests().get(200);
        assertThat(update.method()).isEqualTo("PUT");
        assertThat(update.path()).isEqualTo("/contacts/" + intercomId);
        assertThat(update.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(update.body()).contains("\"name\": \"Edsger \\\"E\\\" Backus\"", "\"churn_score\": 0.1,");
        assertThat(INTERCOM.contacts()).hasSize(199);
        assertThat(INTERCOM.contactByExternalId("cus_00002")).get().satisfies(contact -> {
            assertThat(contact).containsEntry("name", "Edsger \"E\" Backus");
            assertThat((Map<String, Object>) contact.get("custom_attributes")).containsEntry("churn_score", 0.1);
        });
    }

    @Test
    void aRecordIntercomRefusesBecomesItsOwnDeadLetterWithIntercomsErrorWhileTheOthersGoOn() {
        warehouse().update("INSERT INTO crm_http.signups VALUES ('s-1', 'ada@example.org', 'Ada')");
        runner.run("signups", SyncRun.Trigger.MANUAL);
        // the same person again under another key conflicts with the contact the first run created
        warehouse().update("INSERT INTO crm_http.signups VALUES ('s-2', 'bob-at-example.org', 'Bob'),"
                + " ('s-3', 'ADA@example.org', 'Ada again'), ('s-4', 'cy@example.org', 'Cy')");

        SyncRun run = runner.run("signups", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isEqualTo(2);
        assertThat(INTERCOM.contacts()).extracting(contact -> contact.get("external_id")).containsExactlyInAnyOrder("s-1", "s-4");
        // the calls go out several at a time, in any order
        assertThat(INTERCOM.requests()).extracting(ReceivedRequest::status).containsExactlyInAnyOrder(200, 200, 400,
                409);
        List<Map<String, Object>> letters = deadLetters("signups");
        assertThat(letters).filteredOn(letter -> letter.get("recordKey").equals("s-2")).singleElement()
                .satisfies(letter -> {
                    assertThat(letter).containsEntry("errorCode", "HTTP_400").containsEntry("retryable", false)
                            .containsEntry("attempts", 1);
                    assertThat(letter.get("errorMessage").toString()).startsWith("HTTP 400 from POST "
                            + INTERCOM.baseUrl() + "/contacts: {\"type\":\"error.list\"")
                            .contains("\"code\":\"parameter_invalid\"", "bob-at-example.org");
                });
        assertThat(letters).filteredOn(letter -> letter.get("recordKey").equals("s-3")).singleElement()
                .satisfies(letter -> {
                    assertThat(letter).containsEntry("errorCode", "HTTP_409");
                    assertThat(letter.get("errorMessage").toString()).contains("\"code\":\"conflict\"",
                            "A contact matching those details already exists with id=" + contactId("s-1"));
                });
    }

    @Test
    void anOutageIsRetriedThenKeptAsRetryableDeadLettersThatAReplayDelivers() {
        warehouse().update("INSERT INTO crm_http.outage VALUES ('o-1', 'o1@example.org', 'One')");
        INTERCOM.failNextRequests(2, 500);
        SyncRun recovered = runner.run("outage", SyncRun.Trigger.MANUAL);
        assertThat(recovered.counts().created()).isEqualTo(1);
        assertThat(INTERCOM.requests()).extracting(ReceivedRequest::status).containsExactly(500, 500, 200);

        warehouse().update("INSERT INTO crm_http.outage VALUES ('o-2', 'o2@example.org', 'Two'),"
                + " ('o-3', 'o3@example.org', 'Three')");
        INTERCOM.failNextRequests(100, 503);
        SyncRun outage = runner.run("outage", SyncRun.Trigger.MANUAL);

        assertThat(INTERCOM.requests()).as("each record: one call and two retries, the second record too")
                .hasSize(3 + 6);
        assertThat(outage.counts().deadLettered()).isEqualTo(2);
        assertThat(deadLetters("outage")).hasSize(2).allSatisfy(letter -> {
            assertThat(letter).containsEntry("errorCode", "HTTP_503").containsEntry("retryable", true)
                    .containsEntry("attempts", 3);
            assertThat(letter.get("errorMessage").toString()).contains("service_unavailable");
        });

        INTERCOM.failNextRequests(0, 503);
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=outage", null, Map.class);

        assertThat(replay.getBody()).containsEntry("delivered", 2);
        assertThat(deadLetters("outage")).isEmpty();
        assertThat(INTERCOM.contactByExternalId("o-2")).isPresent();
        assertThat(state.records("outage")).extracting(RecordStateStore.StoredRecord::destinationId)
                .containsExactly(contactId("o-1"), contactId("o-2"), contactId("o-3"));
    }

    @Test
    void aThrottledCallWaitsUntilTheRateLimitWindowResetsAndNothingIsDropped() {
        INTERCOM.setRateLimit(2, Duration.ofSeconds(1));
        warehouse().update("INSERT INTO crm_http.paced VALUES ('p-1', 'p1@example.org', 'P1'),"
                + " ('p-2', 'p2@example.org', 'P2'), ('p-3', 'p3@example.org', 'P3'),"
                + " ('p-4', 'p4@example.org', 'P4'), ('p-5', 'p5@example.org', 'P5')");

        SyncRun run = runner.run("paced", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(5);
        assertThat(run.counts().deadLettered()).isZero();
        assertThat(INTERCOM.contacts()).hasSize(5);
        List<ReceivedRequest> requests = INTERCOM.requests();
        assertThat(requests).filteredOn(request -> request.status() == 429).isNotEmpty()
                .allSatisfy(refused -> assertThat(refused.body()).isNotBlank());
        assertThat(requests).filteredOn(request -> request.status() == 200).hasSize(5);
        // five calls at two per one-second window span at least two windows
        assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(requests.size() - 1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void theSyncFilesRateLimitPacesItsCallsSoTheApiNeverHasToRefuseOne() {
        INTERCOM.setRateLimit(3, Duration.ofSeconds(1));
        warehouse().update("INSERT INTO crm_http.throttled VALUES ('t-1', 't1@example.org', 'T1'),"
                + " ('t-2', 't2@example.org', 'T2'), ('t-3', 't3@example.org', 'T3'),"
                + " ('t-4', 't4@example.org', 'T4'), ('t-5', 't5@example.org', 'T5')");

        long started = System.nanoTime();
        SyncRun run = runner.run("throttled", SyncRun.Trigger.MANUAL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.counts().created()).isEqualTo(5);
        assertThat(INTERCOM.requests()).extracting(ReceivedRequest::status).containsOnly(200).hasSize(5);
        // two calls per second: the fifth waits two periods after the first
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSlowServiceGetsSeveralBatchesAtOnceButNeverMoreThanBatchesInFlight() {
        for (int i = 1; i <= 30; i++) {
            warehouse().update("INSERT INTO crm_http.slow_accounts VALUES (?, ?, ?)", i, "Account " + i, "pro");
        }
        INTERNAL.answerAfter(Duration.ofMillis(300));

        SyncRun run = runner.run("slow_accounts", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(run.counts().created() + run.counts().updated()).isEqualTo(30);
        assertThat(INTERNAL.received()).hasSize(10);
        assertThat(INTERNAL.mostOpenAtOnce()).isEqualTo(BATCHES_IN_FLIGHT);
        assertThat(state.records("slow_accounts")).hasSize(30);
    }

    @Test
    void aCallPerBatchCarriesTheBatchsRecordsInsideTheBatchBody() throws Exception {
        for (int i = 1; i <= 7; i++) {
            warehouse().update("INSERT INTO crm_http.accounts VALUES (?, ?, ?)", i, "Account " + i,
                    i % 2 == 0 ? "pro" : "free");
        }

        SyncRun first = runner.run("accounts_bulk", SyncRun.Trigger.MANUAL);

        assertThat(first.counts().updated() + first.counts().created()).isEqualTo(7);
        // batches go out several at a time, so they may arrive in any order
        List<RecordingServer.Received> calls = INTERNAL.received().stream()
                .sorted(Comparator.comparingInt(call -> firstAccountId(call.body()))).toList();
        assertThat(calls).extracting(call -> JSON.readTree(call.body()).path("accounts").size())
                .containsExactly(3, 3, 1);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/v1/accounts/bulk");
            assertThat(call.headers()).containsEntry("X-Api-Key", INTERNAL_KEY);
            assertThat(call.headers().get("Content-Type")).startsWith("application/json");
        });
        assertThat(JSON.readTree(calls.get(0).body())).isEqualTo(JSON.readTree("""
                {"source": "sluice", "accounts": [
                  {"account_id": 1, "name": "Account 1", "plan": "free"},
                  {"account_id": 2, "name": "Account 2", "plan": "pro"},
                  {"account_id": 3, "name": "Account 3", "plan": "free"}]}"""));

        assertThat(runner.run("accounts_bulk", SyncRun.Trigger.MANUAL).counts().unchanged()).isEqualTo(7);
        assertThat(INTERNAL.received()).hasSize(3);

        warehouse().update("UPDATE crm_http.accounts SET plan = 'enterprise' WHERE account_id IN (4, 5)");
        INTERNAL.answerNext(1, 422, "{\"error\":\"plan enterprise is not sold any more\"}");
        SyncRun refused = runner.run("accounts_bulk", SyncRun.Trigger.MANUAL);

        assertThat(INTERNAL.received()).hasSize(4);
        assertThat(refused.counts().deadLettered()).isEqualTo(2);
        assertThat(deadLetters("accounts_bulk")).hasSize(2).allSatisfy(letter -> {
            assertThat(letter).containsEntry("errorCode", "HTTP_422").containsEntry("retryable", false)
                    .containsEntry("attempts", 1);
            assertThat(letter.get("errorMessage").toString()).contains("plan enterprise is not sold any more");
        });
    }

    @Test
    void mirrorModeDeletesTheContactByTheIdIntercomGaveIt() {
        warehouse().update("INSERT INTO crm_http.mirrored VALUES ('m-1', 'm1@example.org', 'M1'),"
                + " ('m-2', 'm2@example.org', 'M2'), ('m-3', 'm3@example.org', 'M3')");
        runner.run("mirrored", SyncRun.Trigger.MANUAL);
        String gone = contactId("m-2");

        warehouse().update("DELETE FROM crm_http.mirrored WHERE customer_id = 'm-2'");
        SyncRun mirror = runner.run("mirrored", SyncRun.Trigger.MANUAL);

        assertThat(mirror.counts().deleted()).isEqualTo(1);
        assertThat(INTERCOM.requests()).filteredOn(request -> request.method().equals("DELETE")).singleElement()
                .satisfies(request -> {
                    assertThat(request.path()).isEqualTo("/contacts/" + gone);
                    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
                    assertThat(request.body()).isEmpty();
                    assertThat(request.status()).isEqualTo(200);
                });
        assertThat(INTERCOM.contacts()).extracting(contact -> contact.get("external_id")).containsExactlyInAnyOrder("m-1", "m-3");
        assertThat(state.records("mirrored")).extracting(RecordStateStore.StoredRecord::key)
                .containsExactlyInAnyOrder("m-1", "m-3");
    }

    @Test
    void aCallThatGetsNoAnswerInTimeIsRetriedThenKeptAsARetryableDeadLetter() {
        warehouse().update("INSERT INTO crm_http.silent VALUES ('q-1', 'q1@example.org', 'Quiet')");

        SyncRun run = runner.run("silent", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().deadLettered()).isEqualTo(1);
        assertThat(deadLetters("silent")).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("errorCode", "HTTP_TIMEOUT").containsEntry("retryable", true)
                    .containsEntry("attempts", 3);
            assertThat(letter.get("errorMessage").toString()).startsWith("No answer from POST http://127.0.0.1:"
                    + SILENT.getLocalPort() + "/contacts");
        });
    }

    @Test
    void secretsReachTheApiButNeverTheLogsOrTheDeadLetters(CapturedOutput output) {
        warehouse().update("INSERT INTO crm_http.wrong_token VALUES ('w-1', 'w1@example.org', 'W1'),"
                + " ('w-2', 'w2@example.org', 'W2')");
        warehouse().update("INSERT INTO crm_http.outage VALUES ('o-9', 'o9@example.org', 'Nine')");

        SyncRun refused = runner.run("wrong_token", SyncRun.Trigger.MANUAL);
        INTERCOM.failNextRequests(100, 502);
        runner.run("outage", SyncRun.Trigger.MANUAL);

        assertThat(refused.counts().deadLettered()).isEqualTo(2);
        assertThat(INTERCOM.requests()).filteredOn(request -> request.status() == 401).hasSize(2)
                .allSatisfy(request -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + WRONG_TOKEN));
        assertThat(deadLetters("wrong_token")).hasSize(2).allSatisfy(letter -> {
            assertThat(letter).containsEntry("errorCode", "HTTP_401");
            assertThat(letter.get("errorMessage").toString()).contains("Access Token Invalid");
        });
        // what the upsert route hands back, failed or answered, carries no secret for anyone to log
        Exchange failed = sendOneContact();
        INTERCOM.failNextRequests(0, 502);
        Exchange answered = sendOneContact();
        assertThat(failed.getException()).isInstanceOf(DeliveryException.class);
        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(List.class)).hasSize(1);
        for (Exchange exchange : List.of(failed, answered)) {
            assertThat(exchange.getMessage().getHeaders() + " " + exchange.getAllProperties() + " "
                    + exchange.getException()).doesNotContain(TOKEN);
        }

        String everything = http.getForObject("/admin/dead-letters", String.class)
                + http.getForObject("/admin/syncs", String.class) + output.getAll();
        assertThat(everything).contains("HTTP_401", "HTTP_502")
                .doesNotContain(WRONG_TOKEN, TOKEN, INTERNAL_KEY);
    }

    @Test
    void aBrokenHttpBlockIsReportedWithFileFieldAndReasonWhileTheOthersRun() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("unknown_secret")).singleElement()
                .satisfies(sync -> {
                    assertThat(sync).containsEntry("valid", false);
                    assertThat(sync.get("errors").toString()).contains("http.headers.Authorization",
                            "refers to secret 'crm_token', which is not configured (set sluice.http.secrets.crm_token)");
                });
        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("mirror_without_delete")).singleElement()
                .satisfies(sync -> assertThat(sync.get("errors").toString()).contains("http.delete", "is missing"));
        assertThat(syncs).filteredOn(sync -> Boolean.TRUE.equals(sync.get("valid")))
                .extracting(sync -> sync.get("name")).contains("intercom_contacts", "signups", "accounts_bulk");
    }

    private Exchange sendOneContact() {
        return producer.send("direct:http-upsert", exchange -> exchange.setProperty(DeliveryBatch.PROPERTY,
                new DeliveryBatch(catalog.find("paced").orElseThrow().definition().orElseThrow(),
                        DeliveryBatch.Operation.UPSERT, List.of(new OutboundRecord("x-1",
                        Map.of("external_id", "x-1", "email", "x1@example.org", "name", "X"), "hash", null)))));
    }

    private ReceivedRequest request(String method, String externalId) {
        return INTERCOM.requests().stream()
                .filter(request -> request.method().equals(method) && request.body().contains("\"" + externalId + "\""))
                .findFirst().orElseThrow();
    }

    private static String contactId(String externalId) {
        return INTERCOM.contactByExternalId(externalId).orElseThrow().get("id").toString();
    }

    private List<Map<String, Object>> deadLetters(String sync) {
        return AdminLists.items(http, "/admin/dead-letters?sync={sync}&status=open", sync);
    }

    private static JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }

    /** The demo warehouse as shipped, for the shipped sync file, and a table of its own for each other test. */
    private static void createWarehouse() {
        DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("demo/warehouse.sql")),
                new DriverManagerDataSource(WAREHOUSE.url(), WAREHOUSE.username(), WAREHOUSE.password()));
        JdbcTemplate warehouse = warehouse();
        warehouse.execute("CREATE SCHEMA crm_http");
        for (String table : List.of("signups", "outage", "paced", "throttled", "mirrored", "silent", "wrong_token")) {
            warehouse.execute("CREATE TABLE crm_http." + table
                    + " (customer_id VARCHAR(20), email VARCHAR(200), name VARCHAR(200))");
        }
        for (String table : List.of("accounts", "slow_accounts")) {
            warehouse.execute("CREATE TABLE crm_http." + table
                    + " (account_id INTEGER, name VARCHAR(100), plan VARCHAR(20))");
        }
    }

    /** The shipped Intercom sync, read from routes/ (only its schedule made manual), and test syncs. */
    private static Path writeSyncFiles() {
        try {
            Path routes = Files.createTempDirectory("sluice-http-routes");
            ShippedSyncFiles.copyAsManual("intercom_contacts.yaml", routes);
            for (String table : List.of("signups", "outage", "paced")) {
                write(routes, table, contactsSync(table, "intercom_token", "full", ""));
            }
            write(routes, "throttled", contactsSync("throttled", "intercom_token", "full", """
                      rate_limit: {requests: 2, per: 1s}
                    """));
            write(routes, "mirrored", contactsSync("mirrored", "intercom_token", "mirror", """
                      delete:
                        url: "{{config:intercom}}/contacts/{{destination_id}}"
                        method: DELETE
                    """));
            write(routes, "wrong_token", contactsSync("wrong_token", "wrong_token", "full", ""));
            write(routes, "silent", contactsSync("silent", "intercom_token", "full", "")
                    .replace("{{config:intercom}}", "{{config:silent}}"));
            write(routes, "unknown_secret", contactsSync("signups", "crm_token", "full", ""));
            write(routes, "mirror_without_delete", contactsSync("mirrored", "intercom_token", "mirror", ""));
            for (String table : List.of("accounts", "slow_accounts")) {
                write(routes, table.equals("accounts") ? "accounts_bulk" : table, """
                        model:
                          name: %s
                          query: SELECT account_id, name, plan FROM crm_http.%<s ORDER BY account_id
                        destination: http
                        mapping:
                          account_id: account_id
                          name: name
                          plan: plan
                        http:
                          url: "{{config:internal}}/v1/accounts/bulk"
                          headers:
                            X-Api-Key: "{{secret:internal_key}}"
                          batch_size: 3
                          batch_body: '{"source": "sluice", "accounts": {{records}}}'
                        schedule: manual
                        sync_mode: full
                        """.formatted(table));
            }
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Intercom's create-then-update-by-id shape, against one table. */
    private static String contactsSync(String table, String secret, String mode, String moreSettings) {
        return """
                model:
                  name: %1$s
                  query: SELECT customer_id, email, name FROM crm_http.%1$s ORDER BY customer_id
                destination: http
                mapping:
                  customer_id: external_id
                  email: email
                  name: name
                http:
                  url: "{{config:intercom}}/contacts/{{destination_id}}"
                  method: PUT
                  create:
                    url: "{{config:intercom}}/contacts"
                  response_id: id
                  headers:
                    Authorization: "Bearer {{secret:%2$s}}"
                  body: '{"external_id": {{external_id}}, "email": {{email}}, "name": {{name}}}'
                %4$sschedule: manual
                sync_mode: %3$s
                """.formatted(table, secret, mode, moreSettings);
    }

    private static void write(Path routes, String name, String content) throws IOException {
        Files.writeString(routes.resolve(name + ".yaml"), content);
    }

    private static int firstAccountId(String body) {
        try {
            return JSON.readTree(body).path("accounts").get(0).path("account_id").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerSocket silentServer() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
