package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Two Stripe accounts: the default one and {@code sluice.stripe.connections.eu}, each with its own key. A sync
 * naming the connection writes to its account with its key, the other sync to the default account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StripeConnectionsTest {

    static final TestDatabase WAREHOUSE = TestDatabases.h2("stripe_accounts_warehouse");
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final StripeSandbox STRIPE = StripeSandbox.start(0);
    static final StripeSandbox STRIPE_EU = StripeSandbox.start(0, "sk_test_eu_account_key");

    @Autowired
    SyncRunner runner;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE plans (customer_id VARCHAR(40), plan VARCHAR(20), region VARCHAR(2))");
        Path routes = Files.createTempDirectory("sluice-stripe-accounts");
        Files.writeString(routes.resolve("us_plans.yaml"), plans("us"));
        Files.writeString(routes.resolve("eu_plans.yaml"), "connection: eu\n" + plans("eu"));
        SluiceTestProperties.register(registry, routes, WAREHOUSE, TestDatabases.h2("stripe_accounts_state"),
                SALESFORCE);
        registry.add("sluice.stripe.api-base", STRIPE::baseUrl);
        registry.add("sluice.stripe.api-key", STRIPE::apiKey);
        registry.add("sluice.stripe.connections.eu.api-base", STRIPE_EU::baseUrl);
        registry.add("sluice.stripe.connections.eu.api-key", STRIPE_EU::apiKey);
    }

    private static String plans(String region) {
        return """
                model:
                  name: plans
                  query: SELECT customer_id, plan FROM plans WHERE region = '%s'
                destination: stripe
                mapping:
                  customer_id: customer_id
                  plan: plan
                stripe:
                  match_by: customer_id
                  metadata: [plan]
                schedule: manual
                sync_mode: full
                """.formatted(region);
    }

    @Test
    void eachSyncWritesToItsOwnAccountWithItsKey() {
        STRIPE.addCustomer("cus_us1", "us1@example.org", "US one");
        STRIPE_EU.addCustomer("cus_eu1", "eu1@example.org", "EU one");
        WAREHOUSE.jdbc().update("INSERT INTO plans VALUES ('cus_us1', 'pro', 'us'), ('cus_eu1', 'free', 'eu')");

        SyncRun eu = runner.run("eu_plans", SyncRun.Trigger.MANUAL);
        SyncRun us = runner.run("us_plans", SyncRun.Trigger.MANUAL);

        assertThat(eu.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(us.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(STRIPE_EU.customer("cus_eu1").orElseThrow().metadata()).containsEntry("plan", "free");
        assertThat(STRIPE.customer("cus_us1").orElseThrow().metadata()).containsEntry("plan", "pro");
        assertThat(STRIPE_EU.requests()).isNotEmpty().extracting(RecordedRequest::apiKey)
                .containsOnly(STRIPE_EU.apiKey());
        assertThat(STRIPE.requests()).isNotEmpty().extracting(RecordedRequest::path)
                .containsOnly("/v1/customers/cus_us1");
    }
}
