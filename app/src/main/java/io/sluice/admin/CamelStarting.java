package io.sluice.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.sluice.problems.ProblemException;
import io.sluice.problems.ProblemType;

/**
 * The web server answers a few seconds before Camel has started (and again while it stops): an admin call
 * then is refused with 503 and {@code Retry-After}, instead of being accepted and its run failing with
 * "CamelContext is stopped". Readiness says the same to a load balancer.
 */
@Configuration
class CamelStarting implements HandlerInterceptor, WebMvcConfigurer {

    static final String RETRY_AFTER_SECONDS = "5";

    private final CamelContext camel;

    CamelStarting(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!camel.isStarted()) {
            ProblemException refusal = ProblemType.NOT_READY.exception("Sluice is " + (camel.isStarting()
                    ? "starting" : "not running (Camel is " + camel.getStatus() + ")") + "; try again shortly");
            refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            throw refusal;
        }
        return true;
    }
}
