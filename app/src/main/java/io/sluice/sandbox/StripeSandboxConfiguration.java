package io.sluice.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.sluice.destinations.stripe.StripeConnection;
import io.sluice.sandbox.stripe.StripeSandbox;

/**
 * Points Stripe syncs at the local Stripe sandbox — only in the demo, and only while no Stripe API key is
 * configured, so a deployment with a real key never talks to it. The sandbox starts with the demo warehouse's
 * customers, as if they had signed up in Stripe.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${sluice.sandbox.enabled:false} and '${sluice.stripe.api-key:}' == ''")
class StripeSandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StripeSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    StripeSandbox stripeSandbox(@Value("${sluice.sandbox.stripe-port:0}") int port) {
        StripeSandbox sandbox = StripeSandbox.start(port);
        int customers = sandbox.seedDemoCustomers();
        LOG.warn("SANDBOX: Stripe syncs write to the local Stripe sandbox at {} (not a real Stripe account), "
                + "holding {} demo customers; see what it holds at {}/sandbox", sandbox.baseUrl(), customers,
                sandbox.baseUrl());
        return sandbox;
    }

    @Bean
    @Primary
    StripeConnection stripeSandboxConnection(StripeSandbox sandbox) {
        return new StripeConnection(sandbox.baseUrl(), sandbox.apiKey());
    }
}
