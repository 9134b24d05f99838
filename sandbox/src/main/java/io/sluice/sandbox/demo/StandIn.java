package io.sluice.sandbox.demo;

import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;

import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;

/**
 * A vendor the demo stands in for while the deployment configures no credentials of its own for it: which
 * properties count as real credentials, and which properties point Sluice at the sandbox instead. Sluice
 * itself knows nothing of sandboxes — it is configured by properties alone, as for a real account.
 */
enum StandIn {

    SALESFORCE(DemoSandboxes.SALESFORCE, "camel.component.salesforce.client-id") {
        @Override
        Map<String, Object> properties(String baseUrl) {
            SalesforceSandbox.Credentials demo = SalesforceSandbox.Credentials.demo();
            return Map.of("camel.component.salesforce.login-url", baseUrl,
                    "camel.component.salesforce.authentication-type", "REFRESH_TOKEN",
                    "camel.component.salesforce.client-id", demo.clientId(),
                    "camel.component.salesforce.client-secret", demo.clientSecret(),
                    "camel.component.salesforce.refresh-token", demo.refreshToken(),
                    // the component logs in at its first call, when the sandbox is surely listening
                    "camel.component.salesforce.lazy-login", true);
        }
    },
    HUBSPOT(DemoSandboxes.HUBSPOT, "sluice.hubspot.token") {
        @Override
        Map<String, Object> properties(String baseUrl) {
            return Map.of("sluice.hubspot.base-url", baseUrl, "sluice.hubspot.token", HubSpotSandbox.DEMO_TOKEN);
        }
    },
    STRIPE(DemoSandboxes.STRIPE, "sluice.stripe.api-key") {
        @Override
        Map<String, Object> properties(String baseUrl) {
            return Map.of("sluice.stripe.api-base", baseUrl, "sluice.stripe.api-key", StripeSandbox.DEMO_API_KEY);
        }
    },
    SLACK(DemoSandboxes.SLACK, "sluice.slack.token", "sluice.slack.webhook-url") {
        @Override
        Map<String, Object> properties(String baseUrl) {
            return Map.of("sluice.slack.base-url", baseUrl, "sluice.slack.token", SlackSandbox.DEMO_BOT_TOKEN);
        }
    },
    /** The demo's routes/intercom_contacts.yaml names the endpoint {@code intercom} and the secret {@code intercom_token}. */
    INTERCOM(DemoSandboxes.INTERCOM, "sluice.http.endpoints.intercom", "sluice.http.secrets.intercom_token") {
        @Override
        Map<String, Object> properties(String baseUrl) {
            return Map.of("sluice.http.endpoints.intercom", baseUrl,
                    "sluice.http.secrets.intercom_token", IntercomSandbox.DEMO_ACCESS_TOKEN);
        }
    };

    private final String name;
    private final List<String> credentials;

    StandIn(String name, String... credentials) {
        this.name = name;
        this.credentials = List.of(credentials);
    }

    /** What Sluice is told while this sandbox, listening at {@code baseUrl}, stands in. */
    abstract Map<String, Object> properties(String baseUrl);

    /** Any of the vendor's credentials set means a real account: the sandbox stays out of the way. */
    boolean standsIn(Environment environment) {
        return credentials.stream().allMatch(property -> environment.getProperty(property, "").isBlank());
    }

    /** The port the sandbox listens on: {@code sluice.sandbox.<name>-port}, 0 for any free one. */
    String portProperty() {
        return DemoSandboxes.PREFIX + name + "-port";
    }

    /** Set while the sandbox stands in; {@link DemoSandboxes} starts it only then. */
    String standingInProperty() {
        return DemoSandboxes.PREFIX + name + DemoSandboxes.STANDING_IN;
    }
}
