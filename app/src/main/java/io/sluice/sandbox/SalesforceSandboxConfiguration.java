package io.sluice.sandbox;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sluice.sandbox.salesforce.SalesforceSandbox;

/**
 * Points camel-salesforce at the local Salesforce sandbox — only in the demo, and only while no
 * Salesforce client id is configured, so a deployment with real credentials never talks to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${sluice.sandbox.enabled:false} and '${camel.component.salesforce.client-id:}' == ''")
class SalesforceSandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    SalesforceSandbox salesforceSandbox(SandboxProperties properties) {
        SalesforceSandbox sandbox = SalesforceSandbox.start(properties.salesforcePort());
        LOG.warn("SANDBOX: Salesforce syncs write to the local Salesforce sandbox at {} (not a real org); "
                + "see what it holds at {}/sandbox/objects/Lead", sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    /** Applied before Camel starts, so the component never logs in anywhere else. */
    @Bean
    CamelContextConfiguration salesforceSandboxLogin(SalesforceSandbox sandbox) {
        SalesforceSandbox.Credentials credentials = SalesforceSandbox.Credentials.demo();
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                SalesforceComponent component = camelContext.getComponent("salesforce", SalesforceComponent.class);
                component.setLoginUrl(sandbox.baseUrl());
                component.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
                component.setClientId(credentials.clientId());
                component.setClientSecret(credentials.clientSecret());
                component.setRefreshToken(credentials.refreshToken());
                component.setLazyLogin(true);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
