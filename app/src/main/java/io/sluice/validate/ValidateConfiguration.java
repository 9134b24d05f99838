package io.sluice.validate;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;

import io.sluice.destinations.Destination;
import io.sluice.destinations.Destinations;
import io.sluice.destinations.http.HttpConnections;
import io.sluice.destinations.http.HttpProperties;
import io.sluice.destinations.slack.SlackConnection;
import io.sluice.sync.ScheduleProperties;

/**
 * Just the destinations, so each can check its own settings block: no Camel, no web server, no database,
 * no sandbox. Credentials are the deployment's: what is not configured here gets a stand-in, so the same
 * files validate in a team's CI and in production.
 *
 * <p>Not a {@code @Configuration}: the service's own component scan must not find it.
 */
@ComponentScan(basePackageClasses = Destination.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Destination.class))
@EnableConfigurationProperties({HttpProperties.class, ScheduleProperties.class})
class ValidateConfiguration {

    @Bean
    Destinations destinations(List<Destination> destinations) {
        return new Destinations(destinations);
    }

    @Bean
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }

    @Bean
    HttpConnections httpConnections(HttpProperties properties) {
        return HttpConnections.of(properties).withStandIns();
    }

    @Bean
    SlackConnection slackConnection(Environment environment) {
        return new SlackConnection(environment.getProperty("sluice.slack.base-url", "https://slack.com"),
                environment.getProperty("sluice.slack.token"), environment.getProperty("sluice.slack.webhook-url"))
                .withStandIn();
    }
}
