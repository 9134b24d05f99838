package io.sluice.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two databases: Sluice's own state store (primary, migrated by Flyway) and the customer's
 * warehouse, which Sluice only ever reads.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    @Bean
    @Primary
    DataSource stateDataSource(SluiceProperties properties) {
        return pool("sluice-state", properties.state());
    }

    /**
     * Read-only, and without autocommit: PostgreSQL's driver streams a result set with a fetch size
     * only inside a transaction; with autocommit on it buffers the whole result.
     */
    @Bean
    DataSource warehouseDataSource(SluiceProperties properties) {
        HikariDataSource dataSource = pool("sluice-warehouse", properties.warehouse());
        dataSource.setAutoCommit(false);
        dataSource.setReadOnly(true);
        return dataSource;
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
