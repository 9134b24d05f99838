package io.sluice.admin;

import java.net.URI;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A page that is not the last names the next one in a {@code Link} header (RFC 8288): the same call,
 * its filters kept, at the next offset. The link is relative, so it holds behind a proxy that rewrites
 * the host.
 */
@RestControllerAdvice
class PageLinks implements ResponseBodyAdvice<Page<?>> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return Page.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public Page<?> beforeBodyWrite(Page<?> page, MethodParameter returnType, MediaType contentType,
                                   Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                   ServerHttpResponse response) {
        if (page != null && page.hasNext()) {
            URI called = request.getURI();
            String next = UriComponentsBuilder.fromPath(called.getRawPath()).query(called.getRawQuery())
                    .replaceQueryParam("limit", page.limit())
                    .replaceQueryParam("offset", page.offset() + page.limit())
                    .build(true).toUriString();
            response.getHeaders().add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return page;
    }
}
