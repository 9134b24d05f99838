package io.sluice.destinations.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.AdminLists;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Two Salesforce orgs side by side: the default one ({@code camel.component.salesforce.*}) and a named connection
 * ({@code sluice.salesforce.connections.eu.*}) with credentials of its own, each a sandbox of its own. Each sync's
 * records land in its own org, each org is paced by its own throttle, and a third connection whose credentials the
 * org refuses fails only its own sync, with Salesforce's words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // one call an hour per org: a second org sharing the first one's throttle would wait an hour
        "sluice.salesforce.rate-limit.requests=1", "sluice.salesforce.rate-limit.period=1h",
        "sluice.salesforce.connections.eu.rate-limit.requests=1", "sluice.salesforce.connections.eu.rate-limit.period=1h",
        "sluice.health.failed-runs=1", "sluice.delivery.max-redeliveries=0"})
class SalesforceConnectionsTest {

    static final SalesforceSandbox.Credentials EU_CREDENTIALS = new SalesforceSandbox.Credentials("eu-client-id",
            "eu-client-secret-3f9a", "eu-refresh-token-77c1", "ops@eu.example.com", "eu-password-0b2d");
    static final SalesforceSandbox US_ORG = SalesforceSandbox.start(0);
    static final SalesforceSandbox EU_ORG = SalesforceSandbox.start(0, EU_CREDENTIALS);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("two_orgs_warehouse");
    static final TestDatabase STATE = TestDatabases.h2("two_orgs_state");

    @Autowired
    SyncRunner runner;
    @Autowired
    TestRestTemplate http;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE accounts (account_number VARCHAR(20), name VARCHAR(100), region"
                + " VARCHAR(2))");
        WAREHOUSE.jdbc().update("INSERT INTO accounts VALUES ('US-1', 'Acme', 'us'), ('EU-1', 'Zeta GmbH', 'eu')");
        Path routes = Files.createTempDirectory("sluice-two-orgs");
        Files.writeString(routes.resolve("us_accounts.yaml"), accounts("us", ""));
        Files.writeString(routes.resolve("eu_accounts.yaml"), accounts("eu", "connection: eu\n"));
        Files.writeString(routes.resolve("locked_accounts.yaml"), accounts("eu", "connection: locked\n"));
        Files.writeString(routes.resolve("lost_accounts.yaml"), accounts("eu", "connection: europe\n"));
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, US_ORG);
        registry.add("sluice.salesforce.connections.eu.login-url", EU_ORG::baseUrl);
        registry.add("sluice.salesforce.connections.eu.client-id", EU_CREDENTIALS::clientId);
        registry.add("sluice.salesforce.connections.eu.client-secret", EU_CREDENTIALS::clientSecret);
        registry.add("sluice.salesforce.connections.eu.refresh-token", EU_CREDENTIALS::refreshToken);
        registry.add("sluice.salesforce.connections.locked.login-url", EU_ORG::baseUrl);
        registry.add("sluice.salesforce.connections.locked.client-id", EU_CREDENTIALS::clientId);
        registry.add("sluice.salesforce.connections.locked.client-secret", EU_CREDENTIALS::clientSecret);
        registry.add("sluice.salesforce.connections.locked.refresh-token", () -> "a-revoked-refresh-token");
    }

    private static String accounts(String region, String connection) {
        return connection + """
                model:
                  name: accounts
                  query: SELECT account_number, name FROM accounts WHERE region = '%s'
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: manual
                sync_mode: full
                """.formatted(region);
    }

    @AfterAll
    static void stopOrgs() {
        US_ORG.close();
        EU_ORG.close();
    }

    @Test
    void eachSyncWritesToItsOwnOrgAtItsOwnPace() throws Exception {
        SyncRun us = runWithin("us_accounts");
        SyncRun eu = runWithin("eu_accounts");

        assertThat(us.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(eu.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(US_ORG.records("Account")).extracting(account -> account.get("Account_Number__c"))
                .containsExactly("US-1");
        assertThat(EU_ORG.records("Account")).extracting(account -> account.get("Account_Number__c"))
                .containsExactly("EU-1");
        assertThat(meters.get("sluice.destination.requests").tags("connection", "eu").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("sluice.destination.requests").tags("connection", "default").counter().count())
                .isEqualTo(1);
    }

    @Test
    void anOrgRefusingItsCredentialsFailsOnlyItsOwnSyncsWithSalesforcesWords() throws Exception {
        SyncRun locked = runWithin("locked_accounts");

        assertThat(locked.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(locked.error()).contains("invalid_grant");
        Map<String, Object> health = http.getForObject("/actuator/health/sync-health/syncs/locked_accounts", Map.class);
        assertThat(health).containsEntry("status", "FAILING");
        assertThat(health.get("details")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("connection", "locked")
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("invalid_grant"));
        assertThat(http.getForObject("/actuator/health/sync-health/syncs/eu_accounts", Map.class))
                .containsEntry("status", "UP");
    }

    @Test
    void aSyncNamingAnUnknownConnectionIsInvalidAndSaysWhichExist() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("lost_accounts")).singleElement()
                .satisfies(sync -> assertThat(sync).containsEntry("valid", false)
                        .containsEntry("errors", List.of(Map.of("field", "connection",
                                "message", "unknown connection 'europe'; one of [default, eu, locked]"))));
    }

    /** A throttle shared with another org would hold the run for an hour. */
    private SyncRun runWithin(String sync) throws Exception {
        return CompletableFuture.supplyAsync(() -> runner.run(sync, SyncRun.Trigger.MANUAL))
                .get(60, TimeUnit.SECONDS);
    }
}
