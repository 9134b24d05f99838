package io.sluice.destinations.stripe;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    @Bean
    StripeConnection stripeConnection(StripeProperties properties) {
        return new StripeConnection(properties.apiBase(), properties.apiKey());
    }
}
