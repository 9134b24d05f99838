package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.sluice.destinations.stripe.StripeConnection;
import io.sluice.sandbox.stripe.StripeSandbox;

class StripeSandboxConfigurationTest {

    private static final StripeConnection FROM_PROPERTIES = new StripeConnection("https://api.stripe.com", null);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(StripeSandboxConfiguration.class)
            .withBean("stripeConnection", StripeConnection.class, () -> FROM_PROPERTIES)
            .withPropertyValues("sluice.sandbox.stripe-port=0");

    @Test
    void theSandboxStandsInWhileNoStripeKeyIsConfigured() {
        context.withPropertyValues("sluice.sandbox.enabled=true").run(started -> {
            StripeSandbox sandbox = started.getBean(StripeSandbox.class);
            StripeConnection connection = started.getBean(StripeConnection.class);
            assertThat(connection.apiBase()).isEqualTo(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(connection.apiKey()).isEqualTo(StripeSandbox.DEMO_API_KEY);
            assertThat(sandbox.customers()).hasSize(198);
        });
    }

    @Test
    void aRealKeySwitchesTheSandboxOff() {
        context.withPropertyValues("sluice.sandbox.enabled=true", "sluice.stripe.api-key=sk_live_real")
                .run(started -> {
                    assertThat(started).doesNotHaveBean(StripeSandbox.class);
                    assertThat(started.getBean(StripeConnection.class)).isSameAs(FROM_PROPERTIES);
                });
    }

    @Test
    void outsideTheDemoThereIsNoSandbox() {
        context.withPropertyValues("sluice.sandbox.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(StripeSandbox.class));
    }
}
