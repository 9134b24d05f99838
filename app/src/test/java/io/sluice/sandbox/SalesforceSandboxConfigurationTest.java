package io.sluice.sandbox;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.sluice.sandbox.salesforce.SalesforceSandbox;

class SalesforceSandboxConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SalesforceSandboxConfiguration.class)
            .withBean(SandboxProperties.class, () -> new SandboxProperties(true, false, 0, List.of(), List.of()));

    @Test
    void theSandboxStandsInWhileNoSalesforceCredentialsAreConfigured() {
        context.withPropertyValues("sluice.sandbox.enabled=true")
                .run(started -> assertThat(started).hasSingleBean(SalesforceSandbox.class));
    }

    @Test
    void realCredentialsSwitchTheSandboxOff() {
        context.withPropertyValues("sluice.sandbox.enabled=true", "camel.component.salesforce.client-id=3MVG9-real")
                .run(started -> assertThat(started).doesNotHaveBean(SalesforceSandbox.class));
    }

    @Test
    void outsideTheDemoThereIsNoSandbox() {
        context.withPropertyValues("sluice.sandbox.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(SalesforceSandbox.class));
    }
}
