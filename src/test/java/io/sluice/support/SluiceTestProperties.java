package io.sluice.support;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Points Sluice at test databases, a folder of sync files and a Salesforce fake through its public
 * configuration alone, as a deployment would point it at real ones.
 */
public final class SluiceTestProperties {

    public static final String OPERATOR_TOKEN = "test-operator-token";
    public static final String VIEWER_TOKEN = "test-viewer-token";

    private SluiceTestProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, Path routes, TestDatabase warehouse,
                                TestDatabase state, SalesforceSandbox salesforce) {
        SalesforceSandbox.Credentials credentials = SalesforceSandbox.Credentials.demo();
        registry.add("sluice.routes-dir", routes::toString);
        registry.add("sluice.warehouse.url", warehouse::url);
        registry.add("sluice.warehouse.username", warehouse::username);
        registry.add("sluice.warehouse.password", warehouse::password);
        registry.add("sluice.state.url", state::url);
        registry.add("sluice.state.username", state::username);
        registry.add("sluice.state.password", state::password);
        registry.add("sluice.sandbox.enabled", () -> "false");
        registry.add("sluice.admin.operator-token", () -> OPERATOR_TOKEN);
        registry.add("sluice.admin.viewer-token", () -> VIEWER_TOKEN);
        registry.add("sluice.sandbox.seed-warehouse", () -> "false");
        registry.add("camel.component.salesforce.login-url", salesforce::baseUrl);
        registry.add("camel.component.salesforce.authentication-type", () -> "REFRESH_TOKEN");
        registry.add("camel.component.salesforce.client-id", credentials::clientId);
        registry.add("camel.component.salesforce.client-secret", credentials::clientSecret);
        registry.add("camel.component.salesforce.refresh-token", credentials::refreshToken);
    }
}
