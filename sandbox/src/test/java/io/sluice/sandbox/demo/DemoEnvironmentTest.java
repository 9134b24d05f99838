package io.sluice.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;

import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;

/**
 * The demo as Sluice meets it: properties only. Each vendor without credentials is pointed at its sandbox, which
 * is started on the port written down; a vendor with credentials of its own is left alone; outside the demo
 * nothing happens at all.
 */
class DemoEnvironmentTest {

    private final ApplicationContextRunner demo = new ApplicationContextRunner()
            .withInitializer(context -> new DemoEnvironment(new DeferredLogs())
                    .postProcessEnvironment(context.getEnvironment(), null))
            .withConfiguration(AutoConfigurations.of(DemoSandboxes.class))
            .withPropertyValues("sluice.sandbox.salesforce-port=0", "sluice.sandbox.hubspot-port=0",
                    "sluice.sandbox.stripe-port=0", "sluice.sandbox.slack-port=0", "sluice.sandbox.intercom-port=0",
                    "sluice.sandbox.operator-token=demo-operator", "sluice.sandbox.viewer-token=demo-viewer");

    @Test
    void everyVendorWithoutCredentialsIsPointedAtItsSandbox() {
        demo.withPropertyValues("sluice.sandbox.enabled=true").run(started -> {
            ConfigurableEnvironment environment = started.getEnvironment();

            SalesforceSandbox salesforce = started.getBean(SalesforceSandbox.class);
            SalesforceSandbox.Credentials credentials = SalesforceSandbox.Credentials.demo();
            assertThat(environment.getProperty("camel.component.salesforce.login-url")).isEqualTo(salesforce.baseUrl());
            assertThat(environment.getProperty("camel.component.salesforce.authentication-type")).isEqualTo("REFRESH_TOKEN");
            assertThat(environment.getProperty("camel.component.salesforce.client-id")).isEqualTo(credentials.clientId());
            assertThat(environment.getProperty("camel.component.salesforce.refresh-token"))
                    .isEqualTo(credentials.refreshToken());

            HubSpotSandbox hubSpot = started.getBean(HubSpotSandbox.class);
            assertThat(environment.getProperty("sluice.hubspot.base-url")).isEqualTo(hubSpot.baseUrl());
            assertThat(environment.getProperty("sluice.hubspot.token")).isEqualTo(hubSpot.token());
            assertThat(hubSpot.objects("contacts")).isEmpty();
            assertThat(hubSpot.findObject("contacts", "customer_id", "cus_00001"))
                    .as("the demo's custom properties exist").isEmpty();

            StripeSandbox stripe = started.getBean(StripeSandbox.class);
            assertThat(environment.getProperty("sluice.stripe.api-base")).isEqualTo(stripe.baseUrl())
                    .startsWith("http://127.0.0.1:");
            assertThat(environment.getProperty("sluice.stripe.api-key")).isEqualTo(StripeSandbox.DEMO_API_KEY);
            assertThat(stripe.customers()).hasSize(198);

            SlackSandbox slack = started.getBean(SlackSandbox.class);
            assertThat(environment.getProperty("sluice.slack.base-url")).isEqualTo(slack.baseUrl());
            assertThat(environment.getProperty("sluice.slack.token")).isEqualTo(SlackSandbox.DEMO_BOT_TOKEN);

            IntercomSandbox intercom = started.getBean(IntercomSandbox.class);
            assertThat(environment.getProperty("sluice.http.endpoints.intercom")).isEqualTo(intercom.baseUrl());
            assertThat(environment.getProperty("sluice.http.secrets.intercom_token"))
                    .isEqualTo(IntercomSandbox.DEMO_ACCESS_TOKEN);

            assertThat(environment.getProperty("sluice.admin.operator-token")).isEqualTo("demo-operator");
            assertThat(environment.getProperty("sluice.admin.viewer-token")).isEqualTo("demo-viewer");
        });
    }

    @Test
    void realCredentialsSwitchThatVendorsSandboxOff() {
        demo.withPropertyValues("sluice.sandbox.enabled=true", "camel.component.salesforce.client-id=3MVG9-real",
                        "sluice.hubspot.token=pat-na1-real", "sluice.stripe.api-key=sk_live_real",
                        "sluice.slack.webhook-url=https://hooks.slack.com/services/T1/B1/secret",
                        "sluice.http.secrets.intercom_token=real", "sluice.admin.operator-token=ops")
                .run(started -> {
                    assertThat(started).doesNotHaveBean(SalesforceSandbox.class).doesNotHaveBean(HubSpotSandbox.class)
                            .doesNotHaveBean(StripeSandbox.class).doesNotHaveBean(SlackSandbox.class)
                            .doesNotHaveBean(IntercomSandbox.class);
                    ConfigurableEnvironment environment = started.getEnvironment();
                    assertThat(environment.getProperty("camel.component.salesforce.client-id")).isEqualTo("3MVG9-real");
                    assertThat(environment.getProperty("camel.component.salesforce.login-url")).isNull();
                    assertThat(environment.getProperty("sluice.hubspot.token")).isEqualTo("pat-na1-real");
                    assertThat(environment.getProperty("sluice.hubspot.base-url")).isNull();
                    assertThat(environment.getProperty("sluice.stripe.api-key")).isEqualTo("sk_live_real");
                    assertThat(environment.getProperty("sluice.slack.token")).isNull();
                    assertThat(environment.getProperty("sluice.http.endpoints.intercom")).isNull();
                    assertThat(environment.getProperty("sluice.admin.operator-token")).isEqualTo("ops");
                    assertThat(environment.getProperty("sluice.admin.viewer-token")).isNull();
                });
    }

    @Test
    void aSlackTokenOrAnIntercomEndpointAloneCountsAsARealAccount() {
        demo.withPropertyValues("sluice.sandbox.enabled=true", "sluice.slack.token=xoxb-real",
                        "sluice.http.endpoints.intercom=https://api.intercom.io")
                .run(started -> {
                    assertThat(started).doesNotHaveBean(SlackSandbox.class).doesNotHaveBean(IntercomSandbox.class)
                            .hasSingleBean(SalesforceSandbox.class);
                    assertThat(started.getEnvironment().getProperty("sluice.http.endpoints.intercom"))
                            .isEqualTo("https://api.intercom.io");
                });
    }

    @Test
    void outsideTheDemoThereIsNoSandbox() {
        demo.withPropertyValues("sluice.sandbox.enabled=false").run(started -> {
            assertThat(started).doesNotHaveBean(SalesforceSandbox.class).doesNotHaveBean(HubSpotSandbox.class)
                    .doesNotHaveBean(StripeSandbox.class).doesNotHaveBean(SlackSandbox.class)
                    .doesNotHaveBean(IntercomSandbox.class);
            assertThat(started.getEnvironment().getPropertySources().contains(DemoEnvironment.SOURCE)).isFalse();
            assertThat(started.getEnvironment().getProperty("sluice.admin.operator-token")).isNull();
        });
    }

    @Test
    void aSandboxListensOnTheConfiguredPort() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        demo.withPropertyValues("sluice.sandbox.enabled=true", "sluice.sandbox.slack-port=" + port)
                .run(started -> {
                    assertThat(started.getBean(SlackSandbox.class).baseUrl()).isEqualTo("http://127.0.0.1:" + port);
                    assertThat(started.getEnvironment().getProperty("sluice.slack.base-url"))
                            .isEqualTo("http://127.0.0.1:" + port);
                });
    }

    @Test
    void theDemoWarehouseIsSeededBeforeAnythingReadsIt() {
        demo.withPropertyValues("sluice.sandbox.enabled=true", "sluice.sandbox.seed-warehouse=true",
                        "sluice.warehouse.url=jdbc:h2:mem:demo-environment-test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                        "sluice.warehouse.username=sa", "sluice.warehouse.password=")
                .run(started -> {
                    try (var connection = java.sql.DriverManager.getConnection(
                            "jdbc:h2:mem:demo-environment-test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
                         var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM warehouse.leads")) {
                        rows.next();
                        assertThat(rows.getInt(1)).isGreaterThan(100);
                    }
                });
    }
}
