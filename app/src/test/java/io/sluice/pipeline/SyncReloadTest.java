package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Sync files edited, added, broken and removed while Sluice runs, picked up by {@code POST /admin/syncs/reload}
 * (the periodic scan is off here, so each test decides when the folder is read again). A deployment here allows
 * schedules firing every second, as a mistaken one would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.reload.enabled=false", "sluice.schedule.min-interval=1s"})
class SyncReloadTest {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final IntercomSandbox INTERCOM = IntercomSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("reload_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("reload_state");
    static final Path ROUTES = routesFolder();

    private static final String PEOPLE = """
            model:
              query: SELECT email, last_name, title FROM reload.people ORDER BY email
            destination: salesforce
            object: Contact
            external_id_field: Email
            mapping:
              email: Email
              last_name: LastName
            schedule: every_hour
            sync_mode: full
            """;

    @Autowired
    SyncRunner runner;
    @Autowired
    SyncReloader reloader;
    @Autowired
    CamelContext camel;
    @Autowired
    TestRestTemplate http;
    @Autowired
    RunRepository runs;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE SCHEMA IF NOT EXISTS reload");
        WAREHOUSE.jdbc().execute("CREATE TABLE IF NOT EXISTS reload.people "
                + "(email VARCHAR(100) PRIMARY KEY, last_name VARCHAR(100), title VARCHAR(100))");
        WAREHOUSE.jdbc().execute("CREATE ALIAS IF NOT EXISTS reload.pause FOR \""
                + SlowWarehouse.class.getName() + ".pause\"");
        write("reload_at_start.yaml", PEOPLE);
        SluiceTestProperties.register(registry, ROUTES, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.http.endpoints.crm", INTERCOM::baseUrl);
        registry.add("sluice.http.secrets.crm_token", INTERCOM::accessToken);
    }

    @BeforeEach
    void startOver() {
        SALESFORCE.reset();
        INTERCOM.reset();
        WAREHOUSE.jdbc().update("DELETE FROM reload.people");
        WAREHOUSE.jdbc().update("INSERT INTO reload.people VALUES ('ada@example.com', 'Lovelace', 'Countess'), "
                + "('alan@example.com', 'Turing', 'Fellow')");
        try (var files = Files.list(ROUTES)) {
            files.forEach(file -> delete(file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reload();
    }

    @Test
    void aFileThereAtStartUpIsRemovedByAReload() {
        // the first reload (before each test) removed it: state and history stay, routes go
        assertThat(camel.getRoute("sync-reload_at_start")).isNull();
        assertThat(sync("reload_at_start").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anEditedMappingIsSentByTheNextRunWithoutARestart() {
        write("reload_edit.yaml", PEOPLE);
        reload();

        runner.run("reload_edit", SyncRun.Trigger.MANUAL);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "ada@example.com")).get()
                .satisfies(contact -> assertThat(contact).doesNotContainKey("Title"));

        write("reload_edit.yaml", PEOPLE.replace("  last_name: LastName\n", "  last_name: LastName\n  title: Title\n"));
        Map<String, Object> reloaded = reload();

        assertThat(reloaded.get("updated")).isEqualTo(List.of("reload_edit"));
        SyncRun next = runner.run("reload_edit", SyncRun.Trigger.MANUAL);
        assertThat(next.counts().updated()).isEqualTo(2);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "ada@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("Title", "Countess"));
    }

    @Test
    void aScheduleEditReplacesTheSchedule() {
        write("reload_schedule.yaml", PEOPLE);
        reload();

        assertThat(camel.getRoute("schedule-reload_schedule")).isNotNull();

        write("reload_schedule.yaml", PEOPLE.replace("every_hour", "manual"));
        reload();

        assertThat(camel.getRoute("schedule-reload_schedule")).isNull();
        assertThat(sync("reload_schedule").getBody()).containsEntry("schedule", "manual");
    }

    @Test
    void aScheduleFiringEverySecondStopsAtOnceWhenItsFileIsFixedThoughARunIsInProgress() {
        // each run outlasts the second between two fires, as a sync against a real vendor does: it always runs
        String hammering = PEOPLE.replace("ORDER BY email", "WHERE reload.pause(600) ORDER BY email")
                .replace("every_hour", "'* * * * * ?'");
        write("reload_hammer.yaml", hammering);
        reload();
        await().atMost(Duration.ofSeconds(15)).until(() -> scheduledRuns("reload_hammer") >= 2);

        write("reload_hammer.yaml", hammering.replace("'* * * * * ?'", "every_hour"));
        reload();
        long atTheFix = scheduledRuns("reload_hammer");

        // the run the reload found in progress ends, or one starting as the file was read; none follows
        await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isRunning("reload_hammer"));
        long settled = scheduledRuns("reload_hammer");
        assertThat(settled).isLessThanOrEqualTo(atTheFix + 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> scheduledRuns("reload_hammer") == settled);

        // the new schedule's trigger replaces the old one by now, or at the next reload once no run is in progress
        reload();
        assertThat(camel.getRoute("schedule-reload_hammer").getEndpoint().getEndpointUri()).contains("0+0+*+*+*+?");
        assertThat(sync("reload_hammer").getBody()).containsEntry("schedule", "every_hour");
    }

    @Test
    void aScheduleTypoIsRefusedByAReloadAndThePreviousScheduleKeepsRunning() {
        write("reload_typo.yaml", PEOPLE);
        reload();

        write("reload_typo.yaml", PEOPLE.replace("every_hour", "'99 99 * * * ?'"));
        Map<String, Object> reloaded = reload();

        assertThat(reloaded.get("keptPrevious")).isEqualTo(List.of("reload_typo"));
        assertThat(sync("reload_typo").getBody().get("errors")).asList().singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("field", "schedule")
                .hasEntrySatisfying("message", message -> assertThat(message.toString())
                        .startsWith("cron expression '99 99 * * * ?' fires every 1s: Quartz silently wraps"));
        assertThat(camel.getRoute("schedule-reload_typo").getEndpoint().getEndpointUri()).contains("0+0+*+*+*+?");
        assertThat(runs.history("reload_typo", 10)).isEmpty();
    }

    @Test
    void aBrokenEditIsReportedAndThePreviousVersionKeepsRunning() {
        write("reload_broken.yaml", PEOPLE);
        reload();

        write("reload_broken.yaml", PEOPLE.replace("destination: salesforce", "destination: salesforse")
                .replace("  last_name: LastName\n", "  last_name: LastName\n  title: Title\n"));
        Map<String, Object> reloaded = reload();

        assertThat(reloaded.get("keptPrevious")).isEqualTo(List.of("reload_broken"));
        Map<String, Object> view = sync("reload_broken").getBody();
        assertThat(view).containsEntry("valid", false).containsEntry("runsPreviousVersion", true)
                .containsEntry("destination", "salesforce");
        assertThat(view.get("errors")).asList().singleElement().asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("field", "destination");

        SyncRun run = runner.run("reload_broken", SyncRun.Trigger.MANUAL);
        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "alan@example.com")).get()
                .satisfies(contact -> assertThat(contact).doesNotContainKey("Title"));
    }

    @Test
    void anAddedFileBecomesASyncAndARemovedOneStopsBeingOne() {
        write("reload_accounts.yaml", PEOPLE);
        assertThat(reload().get("added")).isEqualTo(List.of("reload_accounts"));
        assertThat(runner.run("reload_accounts", SyncRun.Trigger.MANUAL).counts().created()).isEqualTo(2);
        assertThat(SALESFORCE.records("Contact")).hasSize(2);

        delete("reload_accounts.yaml");
        assertThat(reload().get("removed")).isEqualTo(List.of("reload_accounts"));

        assertThat(sync("reload_accounts").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.postForEntity("/admin/syncs/reload_accounts/run", null, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(camel.getRoute("sync-reload_accounts")).isNull();
    }

    @Test
    void aSyncInTheMiddleOfARunIsChangedOnlyAfterIt() {
        write("reload_deferred.yaml", PEOPLE);
        reload();

        write("reload_deferred.yaml", PEOPLE.replace("  last_name: LastName\n", "  last_name: LastName\n  title: Title\n"));

        // holding the sync as a run does: the reload must leave it alone
        boolean[] deferred = new boolean[1];
        runner.whileIdle("reload_deferred", () ->
                deferred[0] = reloader.reload().deferred().contains("reload_deferred"));
        assertThat(deferred[0]).isTrue();
        runner.run("reload_deferred", SyncRun.Trigger.MANUAL);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "ada@example.com")).get()
                .satisfies(contact -> assertThat(contact).doesNotContainKey("Title"));

        assertThat(reload().get("updated")).isEqualTo(List.of("reload_deferred"));
        runner.run("reload_deferred", SyncRun.Trigger.MANUAL);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "ada@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("Title", "Countess"));
    }

    @Test
    void aSyncWithARunAwaitingApprovalKeepsItsVersionUntilTheRunIsDecided() {
        String guarded = PEOPLE.replace("sync_mode: full", "sync_mode: mirror")
                + "guards:\n  max_delete_percent: 10\n  min_records: 0\n";
        write("reload_guarded.yaml", guarded);
        reload();
        runner.run("reload_guarded", SyncRun.Trigger.MANUAL);
        WAREHOUSE.jdbc().update("DELETE FROM reload.people WHERE email = 'alan@example.com'");
        SyncRun blocked = runner.run("reload_guarded", SyncRun.Trigger.MANUAL);
        assertThat(blocked.status()).isEqualTo(SyncRun.Status.BLOCKED);

        // approving delivers the plan the current version made: an edit waits for the decision
        write("reload_guarded.yaml", guarded.replace("  last_name: LastName\n", "  last_name: LastName\n  title: Title\n"));
        assertThat(reload().get("deferred")).isEqualTo(List.of("reload_guarded"));
        assertThat(sync("reload_guarded").getBody()).containsEntry("valid", true);

        runner.discard(blocked.id());
        assertThat(reload().get("updated")).isEqualTo(List.of("reload_guarded"));
    }

    @Test
    void anHttpSyncAddedOrEditedWhileRunningGetsItsOwnPace() {
        String contacts = """
                model:
                  query: SELECT email, last_name FROM reload.people ORDER BY email
                destination: http
                mapping:
                  email: email
                  last_name: name
                http:
                  url: "{{config:crm}}/contacts/{{destination_id}}"
                  method: PUT
                  create: {url: "{{config:crm}}/contacts", method: POST}
                  response_id: id
                  headers:
                    Authorization: "Bearer {{secret:crm_token}}"
                    Intercom-Version: "2.11"
                  rate_limit: {requests: 5, per: 1s}
                schedule: manual
                sync_mode: full
                """;
        write("reload_http.yaml", contacts);
        assertThat(reload().get("added")).isEqualTo(List.of("reload_http"));
        assertThat(runner.run("reload_http", SyncRun.Trigger.MANUAL).counts().failed()).isZero();
        assertThat(INTERCOM.contacts()).hasSize(2);
        assertThat(INTERCOM.contactByEmail("ada@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("name", "Lovelace"));

        write("reload_http.yaml", contacts.replace("requests: 5", "requests: 50")
                .replace("SELECT email, last_name", "SELECT email, last_name, title")
                .replace("last_name: name", "last_name: name\n  title: phone"));
        WAREHOUSE.jdbc().update("UPDATE reload.people SET title = '+44 20 7946 0000' WHERE email = 'ada@example.com'");
        assertThat(reload().get("updated")).isEqualTo(List.of("reload_http"));
        assertThat(camel.getRoute("http-call-reload_http")).isNotNull();

        SyncRun edited = runner.run("reload_http", SyncRun.Trigger.MANUAL);
        assertThat(edited.counts().failed()).isZero();
        // a new mapped field changes every record: each is updated with it, through the rebuilt route
        assertThat(edited.counts().updated()).isEqualTo(2);
        assertThat(INTERCOM.requests()).filteredOn(request -> request.method().equals("PUT")).hasSize(2);
        assertThat(INTERCOM.contactByEmail("ada@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("phone", "+44 20 7946 0000"));
    }

    /** Public, for the warehouse to call: {@code reload.pause(millis)} makes a model query take its time. */
    public static final class SlowWarehouse {

        private SlowWarehouse() {
        }

        public static boolean pause(int millis) throws InterruptedException {
            Thread.sleep(millis);
            return true;
        }
    }

    private long scheduledRuns(String sync) {
        return runs.history(sync, 1000).stream().filter(run -> run.trigger() == SyncRun.Trigger.SCHEDULE).count();
    }

    private Map<String, Object> reload() {
        ResponseEntity<Map<String, Object>> answer = http.exchange("/admin/syncs/reload", HttpMethod.POST, null,
                new ParameterizedTypeReference<>() {
                });
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private ResponseEntity<Map<String, Object>> sync(String name) {
        return http.exchange("/admin/syncs/" + name, HttpMethod.GET, null, new ParameterizedTypeReference<>() {
        });
    }

    private static Path routesFolder() {
        try {
            return Files.createTempDirectory("sluice-reload-routes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String file, String text) {
        try {
            Files.writeString(ROUTES.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(String file) {
        try {
            Files.deleteIfExists(ROUTES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
