package io.sluice.health;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What readiness needs besides Spring's own state (the {@code readiness} group in application.yaml): the
 * state store answering, and Camel started — a run asked for before it has would fail. The warehouse is
 * left out on purpose: while it is down runs fail, yet the admin API and the console still serve.
 */
@Configuration(proxyBeanMethods = false)
class ProbeIndicators {

    /** The primary data source is the state store. */
    @Bean
    HealthIndicator stateStore(DataSource stateDataSource) {
        return new DataSourceHealthIndicator(stateDataSource);
    }

    @Bean
    HealthIndicator camelStarted(CamelContext camel) {
        return () -> (camel.isStarted() ? Health.up() : Health.outOfService())
                .withDetail("status", camel.getStatus().name()).build();
    }
}
