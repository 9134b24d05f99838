package io.sluice.sandbox.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the embedded demo work without a credential, by configuration alone: for each vendor the deployment
 * gives no credentials, Sluice's client is pointed at that vendor's sandbox; the admin API gets the demo's
 * tokens while none are set; the demo warehouse is seeded. Runs only while {@code sluice.sandbox.enabled} is set.
 *
 * <p>It runs before any bean exists, so a sandbox's port is decided here (a free one for port 0) and
 * {@link DemoSandboxes} starts the sandbox on it later; the warehouse is seeded before Sluice first reads it.
 */
public class DemoEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "sluiceSandboxDemo";

    private final Log log;

    public DemoEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(DemoSandboxes.PREFIX + "enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> demo = new LinkedHashMap<>();
        for (StandIn standIn : StandIn.values()) {
            if (standIn.standsIn(environment)) {
                int port = port(environment.getProperty(standIn.portProperty(), Integer.class, 0));
                demo.put(standIn.portProperty(), port);
                demo.put(standIn.standingInProperty(), true);
                demo.putAll(standIn.properties("http://127.0.0.1:" + port));
            }
        }
        demo.putAll(demoAdminTokens(environment));
        // first: a sandbox stands in only where nothing names a real account, and then it must win
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, demo));
        if (environment.getProperty(DemoSandboxes.PREFIX + "seed-warehouse", Boolean.class, false)) {
            DemoWarehouse.seed(environment);
            log.warn("SANDBOX: demo warehouse seeded at " + environment.getProperty("sluice.warehouse.url"));
        }
    }

    private Map<String, Object> demoAdminTokens(Environment environment) {
        if (!environment.getProperty("sluice.admin.operator-token", "").replace(",", "").isBlank()) {
            return Map.of();
        }
        log.warn("SANDBOX: the admin API accepts the embedded demo's tokens (sluice.sandbox.operator-token, "
                + "sluice.sandbox.viewer-token); set sluice.admin.operator-token and sluice.admin.viewer-token "
                + "for anything but the demo");
        return Map.of("sluice.admin.operator-token", environment.getProperty(DemoSandboxes.PREFIX + "operator-token", ""),
                "sluice.admin.viewer-token", environment.getProperty(DemoSandboxes.PREFIX + "viewer-token", ""));
    }

    private static int port(int configured) {
        if (configured != 0) {
            return configured;
        }
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for a sandbox", e);
        }
    }

    /** After the configuration files and test properties are read, so it sees the credentials they set. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
