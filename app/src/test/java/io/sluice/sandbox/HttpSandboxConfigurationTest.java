package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sluice.destinations.http.HttpConnections;
import io.sluice.destinations.http.HttpProperties;
import io.sluice.sandbox.http.IntercomSandbox;

class HttpSandboxConfigurationTest {

    /** What the HTTP destination's own configuration provides: the connections as configured. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HttpProperties.class)
    static class ConfiguredConnections {

        @Bean
        HttpConnections httpConnections(HttpProperties properties) {
            return HttpConnections.of(properties);
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ConfiguredConnections.class, HttpSandboxConfiguration.class)
            .withPropertyValues("sluice.sandbox.intercom-port=0",
                    "sluice.http.endpoints.internal=http://internal.example.test:9000",
                    "sluice.http.secrets.internal_key=k");

    @Test
    void theSandboxStandsInForIntercomWhileNoIntercomEndpointOrTokenIsConfigured() {
        context.withPropertyValues("sluice.sandbox.enabled=true").run(started -> {
            IntercomSandbox sandbox = started.getBean(IntercomSandbox.class);
            HttpConnections connections = started.getBean(HttpConnections.class);
            assertThat(connections.endpoints()).containsEntry("intercom", URI.create(sandbox.baseUrl()))
                    .containsEntry("internal", URI.create("http://internal.example.test:9000"));
            assertThat(connections.secrets()).containsEntry("intercom_token", IntercomSandbox.DEMO_ACCESS_TOKEN)
                    .containsEntry("internal_key", "k");
            assertThat(connections.toString()).doesNotContain(IntercomSandbox.DEMO_ACCESS_TOKEN, "=k");
        });
    }

    @Test
    void aConfiguredIntercomEndpointOrTokenSwitchesTheSandboxOff() {
        context.withPropertyValues("sluice.sandbox.enabled=true",
                        "sluice.http.endpoints.intercom=https://api.intercom.io")
                .run(started -> {
                    assertThat(started).doesNotHaveBean(IntercomSandbox.class);
                    assertThat(started.getBean(HttpConnections.class).endpoints())
                            .containsEntry("intercom", URI.create("https://api.intercom.io"));
                });
        context.withPropertyValues("sluice.sandbox.enabled=true", "sluice.http.secrets.intercom_token=real")
                .run(started -> assertThat(started).doesNotHaveBean(IntercomSandbox.class));
    }

    @Test
    void outsideTheDemoThereIsNoSandbox() {
        context.withPropertyValues("sluice.sandbox.enabled=false")
                .run(started -> {
                    assertThat(started).doesNotHaveBean(IntercomSandbox.class);
                    assertThat(started.getBean(HttpConnections.class).endpoints()).doesNotContainKey("intercom");
                });
    }
}
