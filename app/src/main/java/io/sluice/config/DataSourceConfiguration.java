package io.sluice.config;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
        SluiceProperties.DefaultWarehouse warehouse = properties.warehouse();
        return warehousePool(pool("sluice-warehouse", new SluiceProperties.Database(warehouse.url(),
                warehouse.username(), warehouse.password(), warehouse.maxPoolSize())));
    }

    /** The default warehouse and one pool per {@code sluice.warehouses.<name>}, closed with the application. */
    @Bean
    Warehouses warehouses(SluiceProperties properties, @Qualifier("warehouseDataSource") DataSource defaultPool) {
        Map<String, Warehouse> warehouses = new LinkedHashMap<>();
        SluiceProperties.DefaultWarehouse main = properties.warehouse();
        SluiceProperties.Database mainDatabase = new SluiceProperties.Database(main.url(), main.username(),
                main.password(), main.maxPoolSize());
        warehouses.put(Warehouses.DEFAULT, new Warehouse(Warehouses.DEFAULT, WarehouseDialect.of(main.url()),
                defaultPool, main.maxPoolSize(), main.diff(),
                stateSchema(Warehouses.DEFAULT, main.diff(), main.stateSchema(), mainDatabase)));
        properties.warehouses().forEach((name, named) -> {
            SluiceProperties.Database database = new SluiceProperties.Database(named.url(), named.username(),
                    named.password(), named.maximumPoolSize());
            warehouses.put(name, new Warehouse(name, WarehouseDialect.of(named.url()),
                    warehousePool(pool("sluice-warehouse-" + name, database)), named.maximumPoolSize(), named.diff(),
                    stateSchema(name, named.diff(), named.stateSchema(), database)));
        });
        return new Warehouses(warehouses);
    }

    /**
     * The schema the warehouse diff writes its state table in, with a pool of its own: the models' pool stays
     * read-only. A warehouse diffing in the warehouse without one could never run a sync: Sluice does not start.
     */
    private static Optional<Warehouse.StateSchema> stateSchema(String warehouse, DiffMode diff, String schema,
                                                               SluiceProperties.Database database) {
        if (schema == null || schema.isBlank()) {
            if (diff == DiffMode.WAREHOUSE) {
                throw new IllegalStateException("Warehouse '" + warehouse + "' diffs in the warehouse (diff: "
                        + "warehouse) but names no state-schema Sluice may write its state table in");
            }
            return Optional.empty();
        }
        HikariDataSource writer = pool("sluice-warehouse-state-" + warehouse, new SluiceProperties.Database(
                database.url(), database.username(), database.password(), 2));
        WarehouseDialect.of(database.url()).connectionProperties().forEach(writer::addDataSourceProperty);
        return Optional.of(new Warehouse.StateSchema(schema.strip(), writer));
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
