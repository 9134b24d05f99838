package io.sluice.destinations.hubspot;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HubSpotConfiguration {

    /** Name the HTTP endpoint refers to the client configurer by. */
    static final String HTTP_CLIENT_CONFIGURER = "hubSpotHttpClientConfigurer";

    @Bean
    HubSpotConnection hubSpotConnection(HubSpotProperties properties) {
        return new HubSpotConnection(properties.baseUrl(), properties.token());
    }

    /**
     * Apache HttpClient would send a POST answered 429 or 503 again by itself, a second later: that hides
     * failures from Sluice's retries and ignores HubSpot's rate-limit window. Sluice decides alone.
     */
    @Bean(HTTP_CLIENT_CONFIGURER)
    HttpClientConfigurer hubSpotHttpClientConfigurer() {
        return HttpClientBuilder::disableAutomaticRetries;
    }
}
