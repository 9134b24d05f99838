package io.sluice.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.sluice.problems.ProblemException;
import io.sluice.problems.ProblemType;
import io.sluice.security.AdminProperties;

/**
 * What the admin API accepts as a request body. A body larger than {@code sluice.admin.max-request-size}
 * is refused (413) from its declared length, before a byte of it is read. A call that takes no body
 * (every admin call today) refuses one that carries fields, naming them: an option the caller believes
 * it passed must not be silently ignored.
 */
@Configuration
class AdminRequestBodies implements HandlerInterceptor, WebMvcConfigurer {

    private final long maxBytes;
    private final ObjectMapper json;

    AdminRequestBodies(AdminProperties admin, ObjectMapper json) {
        this.maxBytes = admin.maxRequestSize().toBytes();
        this.json = json;
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} at once by default, so a client (curl, for any body
     * over 1 MB) sends the whole body even when the answer is a refusal; answered only when the body is
     * read, a request refused from its headers is never sent.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnlyWhenTheBodyIsRead() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(request.getContentLengthLong() + " bytes");
        }
        if (handler instanceof HandlerMethod method && !takesABody(method)) {
            refuseAnyFields(request, readBounded(request));
        }
        return true;
    }

    private static boolean takesABody(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
    }

    /** A body sent without a length (chunked) is read only up to the limit. */
    private byte[] readBounded(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge("more than " + maxBytes + " bytes");
            }
            return body;
        }
    }

    private void refuseAnyFields(HttpServletRequest request, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        String call = request.getMethod() + " " + request.getRequestURI();
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ProblemType.MALFORMED_JSON.exception("the request body is not JSON (" + e.getOriginalMessage()
                    + "); " + call + " takes no request body");
        }
        if (!parsed.isObject()) {
            throw ProblemType.MALFORMED_JSON.exception("the request body is not a JSON object; " + call
                    + " takes no request body");
        }
        if (parsed.isEmpty()) {
            return;
        }
        List<String> fields = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(fields::add);
        throw ProblemType.UNKNOWN_FIELD.exception("unknown field" + (fields.size() == 1 ? " " : "s ")
                + fields.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                + ": " + call + " takes no request body");
    }

    private ProblemException tooLarge(String size) {
        return ProblemType.REQUEST_TOO_LARGE.exception("request body of " + size + " is larger than the admin API"
                + " accepts (" + maxBytes + " bytes, sluice.admin.max-request-size)");
    }
}
