package io.sluice.sandbox;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.sync.WarehouseReady;

/**
 * Creates and fills the demo tables the example syncs read. It writes through its own connection:
 * Sluice's warehouse pool is read-only.
 */
@Component
@ConditionalOnProperty(name = "sluice.sandbox.seed-warehouse", havingValue = "true")
class DemoWarehouse implements WarehouseReady {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWarehouse.class);

    DemoWarehouse(SluiceProperties properties) {
        SluiceProperties.Database warehouse = properties.warehouse();
        DataSource writable = new DriverManagerDataSource(warehouse.url(), warehouse.username(), warehouse.password());
        DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(new ClassPathResource("demo/warehouse.sql")),
                writable);
        LOG.warn("SANDBOX: demo warehouse seeded at {}", warehouse.url());
    }
}
