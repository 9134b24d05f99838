package io.sluice.security;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The admin API, the console's data and actuator (but health) need a bearer token: viewers read,
 * operators also change things. Stateless: no session, no cookie, so no CSRF to defend. Without a web
 * server (the benchmark, the validate command) there is no admin API to protect.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    @Bean
    AdminTokens adminTokens(AdminProperties admin) {
        return new AdminTokens(admin.operatorToken(), admin.viewerToken());
    }

    @Bean
    SecurityFilterChain adminSecurity(HttpSecurity http, AdminTokens tokens, ObjectMapper json) throws Exception {
        SecurityErrors errors = new SecurityErrors(json);
        String viewer = AdminRole.VIEWER.name();
        String operator = AdminRole.OPERATOR.name();
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens, errors.unauthorized()), AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(errors.unauthorized())
                        .accessDeniedHandler(errors.forbidden()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        // the console's page and script hold no data; everything it shows comes from /admin
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/admin/**", "/actuator/**").hasRole(viewer)
                        .requestMatchers("/admin/**").hasRole(operator)
                        .anyRequest().denyAll())
                .build();
    }
}
