package io.sluice.validate;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

import io.sluice.destinations.Destination;
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
@EnableConfigurationProperties({ScheduleProperties.class, DbtProperties.class})
class ValidateConfiguration {

    @Bean
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }

    @Bean
    SyncFileLoader syncFileLoader(List<Destination> destinations, ScheduleProperties schedules, DbtProperties dbt) {
        return new SyncFileLoader(destinations.stream().map(Destination::forValidation).toList(),
                schedules.minInterval(), dbt.manifest());
    }
}
