package io.sluice.sandbox.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates and fills the demo tables the example syncs read. It writes through its own connection: Sluice's
 * warehouse pool is read-only.
 */
final class DemoWarehouse {

    private DemoWarehouse() {
    }

    static void seed(Environment environment) {
        String url = environment.getRequiredProperty("sluice.warehouse.url");
        try (Connection connection = DriverManager.getConnection(url,
                environment.getProperty("sluice.warehouse.username"), environment.getProperty("sluice.warehouse.password"))) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("demo/warehouse.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed the demo warehouse at " + url, e);
        }
    }
}
