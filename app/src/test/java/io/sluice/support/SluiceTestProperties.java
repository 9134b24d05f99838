package io.sluice.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
        of(routes, warehouse, state, salesforce).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The same settings as plain properties, for an application started by hand (another context, another JVM). */
    public static Map<String, String> of(Path routes, TestDatabase warehouse, TestDatabase state,
                                         SalesforceSandbox salesforce) {
        SalesforceSandbox.Credentials credentials = SalesforceSandbox.Credentials.demo();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sluice.routes-dir", routes.toString());
        properties.put("sluice.warehouse.url", warehouse.url());
        properties.put("sluice.warehouse.username", warehouse.username());
        properties.put("sluice.warehouse.password", warehouse.password());
        properties.put("sluice.state.url", state.url());
        properties.put("sluice.state.username", state.username());
        properties.put("sluice.state.password", state.password());
        properties.put("sluice.sandbox.enabled", "false");
        properties.put("sluice.admin.operator-token", OPERATOR_TOKEN);
        properties.put("sluice.admin.viewer-token", VIEWER_TOKEN);
        properties.put("sluice.sandbox.seed-warehouse", "false");
        // alerts would reach the fakes these tests assert on; the alert tests switch them on
        properties.put("sluice.alerts.enabled", "false");
        properties.put("camel.component.salesforce.login-url", salesforce.baseUrl());
        properties.put("camel.component.salesforce.authentication-type", "REFRESH_TOKEN");
        properties.put("camel.component.salesforce.client-id", credentials.clientId());
        properties.put("camel.component.salesforce.client-secret", credentials.clientSecret());
        properties.put("camel.component.salesforce.refresh-token", credentials.refreshToken());
        return properties;
    }

    /**
     * One node of a cluster sharing {@code settings}' state store, as production runs it, with leases and
     * Quartz check-ins quick enough that tests see hand-overs within seconds.
     */
    public static Map<String, String> clusterNode(Map<String, String> settings, String instance) {
        Map<String, String> node = new LinkedHashMap<>(settings);
        node.put("spring.profiles.active", "cluster");
        node.put("server.port", "0");
        node.put("sluice.cluster.instance-id", instance);
        node.put("sluice.cluster.lease-duration", "3s");
        node.put("sluice.cluster.lease-renewal", "1s");
        node.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000");
        return node;
    }

    /** As command-line arguments: they rank above config/application.yaml, as a deployment's settings do. */
    public static String[] asArguments(Map<String, String> settings) {
        return settings.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
    }
}
