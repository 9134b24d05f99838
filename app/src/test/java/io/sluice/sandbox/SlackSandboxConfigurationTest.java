package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.sluice.destinations.slack.SlackConnection;
import io.sluice.sandbox.slack.SlackSandbox;

class SlackSandboxConfigurationTest {

    private static final SlackConnection CONFIGURED = new SlackConnection("https://slack.com", null, null);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SlackSandboxConfiguration.class)
            .withBean(SlackConnection.class, () -> CONFIGURED);

    @Test
    void theSandboxStandsInWhileNeitherATokenNorAWebhookIsConfigured() {
        context.withPropertyValues("sluice.sandbox.enabled=true").run(started -> {
            assertThat(started).hasSingleBean(SlackSandbox.class);
            SlackSandbox sandbox = started.getBean(SlackSandbox.class);
            SlackConnection connection = started.getBean(SlackConnection.class);
            assertThat(connection.baseUrl()).isEqualTo(sandbox.baseUrl());
            assertThat(connection.token()).isEqualTo(SlackSandbox.DEMO_BOT_TOKEN);
            assertThat(connection.mode()).isEqualTo(SlackConnection.Mode.TOKEN);
        });
    }

    @Test
    void aRealTokenSwitchesTheSandboxOff() {
        context.withPropertyValues("sluice.sandbox.enabled=true", "sluice.slack.token=xoxb-real")
                .run(started -> {
                    assertThat(started).doesNotHaveBean(SlackSandbox.class);
                    assertThat(started.getBean(SlackConnection.class)).isSameAs(CONFIGURED);
                });
    }

    @Test
    void aRealWebhookSwitchesTheSandboxOff() {
        context.withPropertyValues("sluice.sandbox.enabled=true",
                        "sluice.slack.webhook-url=https://hooks.slack.com/services/T1/B1/secret")
                .run(started -> assertThat(started).doesNotHaveBean(SlackSandbox.class));
    }

    @Test
    void outsideTheDemoThereIsNoSandbox() {
        context.withPropertyValues("sluice.sandbox.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(SlackSandbox.class));
    }

    @Test
    void itListensOnTheConfiguredPort() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        context.withPropertyValues("sluice.sandbox.enabled=true", "sluice.sandbox.slack-port=" + port)
                .run(started -> assertThat(started.getBean(SlackSandbox.class).baseUrl())
                        .isEqualTo("http://127.0.0.1:" + port));
    }
}
