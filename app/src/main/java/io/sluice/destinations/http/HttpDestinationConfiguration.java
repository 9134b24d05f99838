package io.sluice.destinations.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HttpDestinationConfiguration {

    @Bean
    HttpConnections httpConnections(HttpProperties properties) {
        return HttpConnections.of(properties);
    }
}
