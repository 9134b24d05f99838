package io.sluice.config;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two kinds of database: Sluice's own state store (primary, migrated by Flyway) and the customer's
 * warehouses, which Sluice only ever reads.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    /** Where the jar's launcher looks for further JDBC drivers (its manifest's {@code Loader-Path}). */
    static final String DRIVERS_FOLDER = "drivers/";

    @Bean
    @Primary
    DataSource stateDataSource(SluiceProperties properties) {
        return pool("sluice-state", properties.state());
    }

    /** The default warehouse, {@code sluice.warehouse.*}. */
    @Bean
    DataSource warehouseDataSource(SluiceProperties properties) {
        return warehousePool(pool("sluice-warehouse", properties.warehouse()));
    }

    /** The default warehouse and one pool per {@code sluice.warehouses.<name>}, closed with the application. */
    @Bean
    Warehouses warehouses(SluiceProperties properties, @Qualifier("warehouseDataSource") DataSource defaultPool) {
        Map<String, Warehouse> warehouses = new LinkedHashMap<>();
        warehouses.put(Warehouses.DEFAULT, new Warehouse(Warehouses.DEFAULT,
                WarehouseDialect.of(properties.warehouse().url()), defaultPool, properties.warehouse().maxPoolSize()));
        properties.warehouses().forEach((name, named) -> warehouses.put(name, new Warehouse(name,
                WarehouseDialect.of(named.url()), warehousePool(pool("sluice-warehouse-" + name, new SluiceProperties
                        .Database(named.url(), named.username(), named.password(), named.maximumPoolSize()))),
                named.maximumPoolSize())));
        return new Warehouses(warehouses);
    }

    /**
     * Read-only where the engine takes that per connection, and with whatever its driver needs to stream
     * (the dialect's connection properties; a transaction for PostgreSQL, whose driver otherwise buffers
     * the whole result).
     */
    private static HikariDataSource warehousePool(HikariDataSource dataSource) {
        requireDriver(dataSource.getPoolName(), dataSource.getJdbcUrl());
        WarehouseDialect dialect = WarehouseDialect.of(dataSource.getJdbcUrl());
        dataSource.setAutoCommit(!dialect.readsInTransaction());
        dataSource.setReadOnly(dialect.readOnlyConnection());
        dialect.connectionProperties().forEach(dataSource::addDataSourceProperty);
        return dataSource;
    }

    /**
     * A warehouse whose driver is missing stops Sluice at start, saying where the jar goes, rather than
     * failing every run of its syncs later with "No suitable driver".
     */
    static void requireDriver(String pool, String url) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            String subprotocol = WarehouseDialect.subprotocol(url);
            throw new IllegalStateException("No JDBC driver for '" + subprotocol + "' (" + pool + ", jdbc:"
                    + subprotocol + ":...): put the driver's jar in the " + DRIVERS_FOLDER + " folder of the working"
                    + " directory (or in a folder named by -Dloader.path) and start Sluice again", e);
        }
    }

    private static HikariDataSource pool(String name, SluiceProperties.Database database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName(name);
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(database.maxPoolSize());
        // a warehouse that is down must not stop Sluice from starting; runs fail with the reason
        dataSource.setInitializationFailTimeout(-1);
        return dataSource;
    }
}
