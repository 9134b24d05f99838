package io.sluice.sandbox;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.sluice.destinations.http.HttpConnections;
import io.sluice.destinations.http.HttpProperties;
import io.sluice.sandbox.http.IntercomSandbox;

/**
 * Points the HTTP destination's {@code intercom} endpoint and {@code intercom_token} secret — what the
 * demo's {@code routes/intercom_contacts.yaml} uses — at the local Intercom sandbox. Only in the demo, and
 * only while neither is configured, so a deployment with a real Intercom workspace never talks to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${sluice.sandbox.enabled:false} and '${sluice.http.endpoints.intercom:}' == ''"
        + " and '${sluice.http.secrets.intercom_token:}' == ''")
class HttpSandboxConfiguration {

    static final String ENDPOINT = "intercom";
    static final String TOKEN_SECRET = "intercom_token";

    private static final Logger LOG = LoggerFactory.getLogger(HttpSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    IntercomSandbox intercomSandbox(@Value("${sluice.sandbox.intercom-port:0}") int port) {
        IntercomSandbox sandbox = IntercomSandbox.start(port);
        LOG.warn("SANDBOX: HTTP syncs using {{config:{}}} write to the local Intercom sandbox at {} (not a real "
                + "Intercom workspace); see what it holds at {}/sandbox", ENDPOINT, sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    /** Every configured endpoint and secret as they are, plus the sandbox's. */
    @Bean
    @Primary
    HttpConnections intercomSandboxConnections(HttpProperties properties, IntercomSandbox sandbox) {
        return HttpConnections.of(properties)
                .with(ENDPOINT, URI.create(sandbox.baseUrl()), TOKEN_SECRET, sandbox.accessToken());
    }
}
