package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.deadletter.DeadLetter;
import io.sluice.deadletter.DeadLetterStore;
import io.sluice.delivery.DeadLetterReplayer;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.MutableClock;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.state.WatermarkStore;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * A destination that is down for a while: a few batches are retried and dead-lettered, then the
 * destination's circuit breaker opens and the run ends as failed, leaving the rest unsent instead of
 * dead-lettering it batch by batch. After the outage the next run and a replay deliver everything; a
 * delivered replay closes the breaker at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the first test counts every call and Lead the fake received; the second adds its own outage after it
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DestinationOutageTest {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("outage_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("outage_state");
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    static final int ROWS = 2000;
    static final int BATCH = 200;
    static final int FAILED_BATCHES = 2;
    static final int BATCHES_IN_FLIGHT = 4;
    /** Sent once and retried twice. */
    static final int ATTEMPTS = 3;

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    DeadLetterStore deadLetters;
    @Autowired
    DeadLetterReplayer replayer;

    @TestConfiguration
    static class MovedClock {
        /** The breakers' clock: the test moves it past the breaker's open period. */
        @Bean
        @Primary
        MutableClock breakerClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        warehouse.execute("CREATE SCHEMA outage");
        warehouse.execute("CREATE TABLE outage.leads (email VARCHAR(200), company VARCHAR(100), updated_at TIMESTAMP)");
        warehouse.execute("CREATE TABLE outage.accounts (account_number VARCHAR(20), name VARCHAR(100))");
        Path routes = Files.createTempDirectory("sluice-outage-routes");
        Files.writeString(routes.resolve("outage_leads.yaml"), """
                model:
                  query: SELECT email, company, updated_at FROM outage.leads
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                cursor: updated_at
                schedule: manual
                sync_mode: incremental
                """);
        warehouse.execute("CREATE TABLE outage.contacts (email VARCHAR(200), last_name VARCHAR(100))");
        Files.writeString(routes.resolve("outage_contacts.yaml"), """
                model:
                  query: SELECT email, last_name FROM outage.contacts
                destination: salesforce
                object: Contact
                external_id_field: Email
                mapping:
                  email: Email
                  last_name: LastName
                schedule: manual
                sync_mode: full
                """);
        Files.writeString(routes.resolve("outage_accounts.yaml"), """
                model:
                  query: SELECT account_number, name FROM outage.accounts
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: manual
                sync_mode: full
                """);
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
        registry.add("sluice.delivery.max-redeliveries", () -> "2");
        registry.add("sluice.delivery.initial-backoff", () -> "10ms");
        registry.add("sluice.delivery.circuit-breaker.failed-batches", () -> String.valueOf(FAILED_BATCHES));
        registry.add("sluice.delivery.batches-in-flight", () -> String.valueOf(BATCHES_IN_FLIGHT));
        registry.add("sluice.delivery.circuit-breaker.open-for", () -> "5m");
    }

    @Test
    @Order(1)
    void theBreakerStopsTheRunAfterTwoExhaustedBatchesAndNothingIsLostAfterTheOutage() {
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        for (int i = 1; i <= ROWS; i++) {
            warehouse.update("INSERT INTO outage.leads VALUES (?, 'Acme', TIMESTAMP '2026-11-01 10:00:00')",
                    "lead" + i + "@example.com");
        }
        warehouse.update("INSERT INTO outage.accounts VALUES ('OA-1', 'Acme'), ('OA-2', 'Globex')");
        SALESFORCE.failNextCalls(100_000, 503);

        SyncRun failed = runner.run("outage_leads", SyncRun.Trigger.MANUAL);

        assertThat(failed.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(failed.error()).startsWith("destination salesforce unavailable: circuit open after 2 failed batches: ")
                .contains("503");
        // the breaker opens after two exhausted batches; the batches already in flight then finish their retries
        int calls = SALESFORCE.calls().size();
        assertThat(calls % ATTEMPTS).as("each batch sent once and retried twice").isZero();
        int exhausted = calls / ATTEMPTS;
        assertThat(exhausted).isBetween(FAILED_BATCHES, FAILED_BATCHES + BATCHES_IN_FLIGHT - 1);
        int deadLettered = exhausted * BATCH;
        assertThat(failed.counts().deadLettered()).isEqualTo(deadLettered);
        assertThat(openDeadLetters("outage_leads")).hasSize(deadLettered)
                .allSatisfy(letter -> assertThat(letter.retryable()).isTrue());
        assertThat(state.count("outage_leads")).isZero();
        assertThat(watermarks.find("outage_leads")).isEmpty();

        // every sync writing to Salesforce shares the breaker: while it is open, none calls it
        SyncRun refused = runner.run("outage_accounts", SyncRun.Trigger.MANUAL);
        assertThat(refused.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(refused.error()).startsWith("destination salesforce unavailable: circuit open");
        assertThat(SALESFORCE.calls()).hasSize(calls);
        assertThat(openDeadLetters("outage_accounts")).isEmpty();
        assertThat(state.count("outage_accounts")).isZero();

        // the outage ends; once the breaker's open period is over, the next run probes and delivers
        SALESFORCE.failNextCalls(0, 503);
        CLOCK.advance(Duration.ofMinutes(5));
        SyncRun next = runner.run("outage_leads", SyncRun.Trigger.MANUAL);
        assertThat(next.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(next.counts().created()).isEqualTo(ROWS - deadLettered);
        assertThat(next.counts().unchanged()).as("dead letters wait for their replay").isEqualTo(deadLettered);

        DeadLetterReplayer.ReplayResult replay = replayer.replayAll("outage_leads");
        assertThat(replay.delivered()).isEqualTo(deadLettered);
        assertThat(runner.run("outage_accounts", SyncRun.Trigger.MANUAL).status()).isEqualTo(SyncRun.Status.SUCCEEDED);

        assertThat(SALESFORCE.records("Lead")).hasSize(ROWS);
        assertThat(state.count("outage_leads")).isEqualTo(ROWS);
        assertThat(openDeadLetters("outage_leads")).isEmpty();
        assertThat(watermarks.find("outage_leads")).isPresent();
        assertThat(SALESFORCE.records("Account")).extracting(account -> account.get("Name"))
                .containsExactlyInAnyOrder("Acme", "Globex");
    }

    /** A replay the destination answered is proof it is up: the next run need not wait for open-for. */
    @Test
    @Order(2)
    void aDeliveredReplayClosesTheBreakerAndTheNextRunSucceedsAtOnce() {
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        for (int i = 1; i <= 2 * BATCH; i++) {
            warehouse.update("INSERT INTO outage.contacts VALUES (?, 'Doe')", "contact" + i + "@example.com");
        }
        SALESFORCE.failNextCalls(100_000, 503);
        SyncRun failed = runner.run("outage_contacts", SyncRun.Trigger.MANUAL);
        assertThat(failed.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(failed.error()).startsWith("destination salesforce unavailable: circuit open");
        assertThat(openDeadLetters("outage_contacts")).hasSize(2 * BATCH);

        SALESFORCE.failNextCalls(0, 503);
        assertThat(replayer.replayAll("outage_contacts").delivered()).isEqualTo(2 * BATCH);
        warehouse.update("INSERT INTO outage.contacts VALUES ('late@example.com', 'Doe')");
        SyncRun next = runner.run("outage_contacts", SyncRun.Trigger.MANUAL);

        assertThat(next.status()).as("the clock did not move past open-for").isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(next.counts().created()).isEqualTo(1);
        assertThat(SALESFORCE.records("Contact")).hasSize(2 * BATCH + 1);
        assertThat(openDeadLetters("outage_contacts")).isEmpty();
    }

    private List<DeadLetter> openDeadLetters(String sync) {
        return deadLetters.list(Optional.of(sync), Optional.of(DeadLetter.Status.OPEN), 10_000, 0);
    }
}
