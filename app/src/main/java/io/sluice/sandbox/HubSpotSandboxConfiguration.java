package io.sluice.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.sluice.destinations.hubspot.HubSpotConnection;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.Property;

/**
 * Points the HubSpot destination at the local HubSpot sandbox — only in the demo, and only while no
 * HubSpot token is configured, so a deployment with a real token never talks to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${sluice.sandbox.enabled:false} and '${sluice.hubspot.token:}' == ''")
class HubSpotSandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotSandboxConfiguration.class);

    /**
     * The demo account has the custom contact properties routes/hubspot_contacts.yaml writes, as a
     * HubSpot admin would have created them.
     */
    @Bean(destroyMethod = "close")
    HubSpotSandbox hubSpotSandbox(@Value("${sluice.sandbox.hubspot-port:0}") int port) {
        HubSpotSandbox sandbox = HubSpotSandbox.start(port);
        sandbox.defineProperties("contacts", Property.uniqueText("customer_id"), Property.number("lifetime_value"),
                Property.number("churn_score"), Property.enumeration("product_tier", "free", "starter", "pro",
                        "enterprise"), Property.datetime("last_activity_at"));
        LOG.warn("SANDBOX: HubSpot syncs write to the local HubSpot sandbox at {} (not a real HubSpot account); "
                + "see what it holds at {}/sandbox/objects/contacts", sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    @Bean
    @Primary
    HubSpotConnection sandboxHubSpotConnection(HubSpotSandbox sandbox) {
        return new HubSpotConnection(sandbox.baseUrl(), sandbox.token());
    }
}
