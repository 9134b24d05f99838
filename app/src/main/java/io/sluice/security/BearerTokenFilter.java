package io.sluice.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into a role. A request without the header goes on
 * anonymous (health stays open); a wrong token is refused at once, never treated as anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final AdminTokens tokens;
    private final AuthenticationEntryPoint unauthorized;

    BearerTokenFilter(AdminTokens tokens, AuthenticationEntryPoint unauthorized) {
        this.tokens = tokens;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AdminRole> role = header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? tokens.roleOf(header.substring(SCHEME.length()).strip())
                : Optional.empty();
        if (role.isEmpty()) {
            SecurityContextHolder.clearContext();
            unauthorized.commence(request, response,
                    new BadCredentialsException("the bearer token is not one of the configured admin tokens"));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                role.get().name().toLowerCase(Locale.ROOT), null, role.get().authorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
