package io.sluice.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.web.client.RestTemplateRequestCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import io.sluice.security.AdminTokens;

/**
 * Tests talk to the admin API as an operator unless they say otherwise: TestRestTemplate sends the
 * configured operator token on every request that carries no Authorization header of its own.
 * Test classpath only.
 */
@AutoConfiguration
@ConditionalOnBean(AdminTokens.class)
public class OperatorTokenAutoConfiguration {

    @Bean
    RestTemplateRequestCustomizer<?> operatorToken(AdminTokens tokens) {
        return request -> {
            if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(tokens.operatorToken());
            }
        };
    }
}
