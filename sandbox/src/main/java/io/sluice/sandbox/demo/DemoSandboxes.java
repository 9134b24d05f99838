package io.sluice.sandbox.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.Property;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;

/**
 * Starts the sandboxes {@link DemoEnvironment} made stand in, on the ports it wrote down, each holding what the
 * demo's sync files expect of the vendor's account. Nothing here runs unless {@code sluice.sandbox.enabled} is
 * set, which the production profile never does.
 */
@AutoConfiguration
@ConditionalOnProperty(name = DemoSandboxes.PREFIX + "enabled", havingValue = "true")
public class DemoSandboxes {

    static final String PREFIX = "sluice.sandbox.";
    static final String STANDING_IN = ".standing-in";
    static final String SALESFORCE = "salesforce";
    static final String HUBSPOT = "hubspot";
    static final String STRIPE = "stripe";
    static final String SLACK = "slack";
    static final String INTERCOM = "intercom";

    /** The list id routes/high_value_at_risk.yaml names. */
    static final String HIGH_VALUE_AT_RISK_LIST = "1";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSandboxes.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = PREFIX + SALESFORCE + STANDING_IN)
    SalesforceSandbox salesforceSandbox(Environment environment) {
        SalesforceSandbox sandbox = SalesforceSandbox.start(port(environment, StandIn.SALESFORCE));
        LOG.warn("SANDBOX: Salesforce syncs write to the local Salesforce sandbox at {} (not a real org); "
                + "see what it holds at {}/sandbox/objects/Lead", sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    /**
     * The demo account has the custom contact properties routes/hubspot_contacts.yaml writes, as a HubSpot admin
     * would have created them, and the static list routes/high_value_at_risk.yaml keeps, list 1.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = PREFIX + HUBSPOT + STANDING_IN)
    HubSpotSandbox hubSpotSandbox(Environment environment) {
        HubSpotSandbox sandbox = HubSpotSandbox.start(port(environment, StandIn.HUBSPOT));
        sandbox.defineProperties("contacts", Property.uniqueText("customer_id"), Property.number("lifetime_value"),
                Property.number("churn_score"), Property.enumeration("product_tier", "free", "starter", "pro",
                        "enterprise"), Property.datetime("last_activity_at"));
        String list = sandbox.createList("High value at risk", "contacts", "MANUAL");
        if (!list.equals(HIGH_VALUE_AT_RISK_LIST)) {
            throw new IllegalStateException("routes/high_value_at_risk.yaml names list " + HIGH_VALUE_AT_RISK_LIST
                    + ", but the sandbox created list " + list);
        }
        LOG.warn("SANDBOX: HubSpot syncs write to the local HubSpot sandbox at {} (not a real HubSpot account); "
                + "see what it holds at {}/sandbox/objects/contacts", sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    /** The demo account holds the demo warehouse's customers, as if they had signed up in Stripe. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = PREFIX + STRIPE + STANDING_IN)
    StripeSandbox stripeSandbox(Environment environment) {
        StripeSandbox sandbox = StripeSandbox.start(port(environment, StandIn.STRIPE));
        int customers = sandbox.seedDemoCustomers();
        LOG.warn("SANDBOX: Stripe syncs write to the local Stripe sandbox at {} (not a real Stripe account), "
                + "holding {} demo customers; see what it holds at {}/sandbox", sandbox.baseUrl(), customers,
                sandbox.baseUrl());
        return sandbox;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = PREFIX + SLACK + STANDING_IN)
    SlackSandbox slackSandbox(Environment environment) {
        SlackSandbox sandbox = SlackSandbox.start(port(environment, StandIn.SLACK));
        LOG.warn("SANDBOX: Slack syncs and alerts post to the local Slack sandbox at {} (not a real workspace); "
                + "see the messages at {}/sandbox", sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = PREFIX + INTERCOM + STANDING_IN)
    IntercomSandbox intercomSandbox(Environment environment) {
        IntercomSandbox sandbox = IntercomSandbox.start(port(environment, StandIn.INTERCOM));
        LOG.warn("SANDBOX: HTTP syncs using {{config:intercom}} write to the local Intercom sandbox at {} (not a "
                + "real Intercom workspace); see what it holds at {}/sandbox", sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    private static int port(Environment environment, StandIn standIn) {
        return environment.getRequiredProperty(standIn.portProperty(), Integer.class);
    }
}
