package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.sluice.destinations.hubspot.HubSpotConnection;
import io.sluice.sandbox.hubspot.HubSpotSandbox;

class HubSpotSandboxConfigurationTest {

    private static final HubSpotConnection CONFIGURED = new HubSpotConnection("https://api.hubapi.com", "");

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(HubSpotSandboxConfiguration.class)
            .withBean("hubSpotConnection", HubSpotConnection.class, () -> CONFIGURED);

    @Test
    void theSandboxStandsInWhileNoHubSpotTokenIsConfigured() {
        context.withPropertyValues("sluice.sandbox.enabled=true").run(started -> {
            HubSpotSandbox sandbox = started.getBean(HubSpotSandbox.class);
            HubSpotConnection connection = started.getBean(HubSpotConnection.class);
            assertThat(connection.baseUrl()).isEqualTo(sandbox.baseUrl());
            assertThat(connection.token()).isEqualTo(sandbox.token());
            assertThat(sandbox.objects("contacts")).isEmpty();
            assertThat(sandbox.findObject("contacts", "customer_id", "cus_00001"))
                    .as("the demo's custom properties exist").isEmpty();
        });
    }

    @Test
    void aRealTokenSwitchesTheSandboxOff() {
        context.withPropertyValues("sluice.sandbox.enabled=true", "sluice.hubspot.token=pat-na1-real")
                .run(started -> {
                    assertThat(started).doesNotHaveBean(HubSpotSandbox.class);
                    assertThat(started.getBean(HubSpotConnection.class)).isSameAs(CONFIGURED);
                });
    }

    @Test
    void outsideTheDemoThereIsNoSandbox() {
        context.withPropertyValues("sluice.sandbox.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(HubSpotSandbox.class));
    }
}
