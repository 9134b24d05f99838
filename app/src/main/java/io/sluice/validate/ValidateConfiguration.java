package io.sluice.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;

import io.sluice.config.SluiceProperties;
import io.sluice.config.Warehouses;
import io.sluice.destinations.Destination;
import io.sluice.processors.ProcessorLibrary;
import io.sluice.processors.ProcessorProperties;
import io.sluice.sync.DbtProperties;
import io.sluice.sync.ScheduleProperties;
import io.sluice.sync.SyncFileLoader;

/**
 * Just the destinations, as the service configures them, so each can read its own settings block: no Camel
 * routes, no web server, no database, no sandbox. Credentials are the deployment's: each destination judges
 * files {@linkplain Destination#forValidation() as if they were there}, so the same files validate in a
 * team's CI and in production.
 *
 * <p>Not a {@code @Configuration}: the service's own component scan must not find it.
 */
@ComponentScan(basePackageClasses = Destination.class, useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Destination.class),
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = Configuration.class)})
@ConfigurationPropertiesScan(basePackageClasses = Destination.class)
@EnableConfigurationProperties({ScheduleProperties.class, ProcessorProperties.class, DbtProperties.class})
class ValidateConfiguration {

    static final String NAMED_WAREHOUSES = "sluice.warehouses";

    @Bean
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }

    /** Compiled once, before the sync files naming them are read. */
    @Bean
    ProcessorLibrary processorLibrary(ProcessorProperties properties) {
        ProcessorLibrary processors = new ProcessorLibrary(properties);
        processors.reread();
        return processors;
    }

    @Bean
    SyncFileLoader syncFileLoader(List<Destination> destinations, ScheduleProperties schedules,
                                  ProcessorLibrary processors, DbtProperties dbt,
                                  Environment environment) {
        Set<String> warehouses = new TreeSet<>(Binder.get(environment)
                .bind(NAMED_WAREHOUSES, Bindable.mapOf(String.class, SluiceProperties.NamedWarehouse.class))
                .orElse(Map.of()).keySet());
        warehouses.add(Warehouses.DEFAULT);
        return new SyncFileLoader(destinations.stream().map(Destination::forValidation).toList(),
                schedules.minInterval(), warehouses, processors, dbt.manifest());
    }
}
