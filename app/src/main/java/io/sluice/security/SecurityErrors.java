package io.sluice.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.sluice.problems.ProblemResponses;
import io.sluice.problems.ProblemType;

/** 401 and 403 as the problems every other admin API error is, so clients parse one format. */
final class SecurityErrors {

    private final ProblemResponses problems;
    private final RequestMatcher operatorOnly;

    /** @param operatorOnly the requests only an operator token may make: a viewer refused there needs one */
    SecurityErrors(ProblemResponses problems, RequestMatcher operatorOnly) {
        this.problems = problems;
        this.operatorOnly = operatorOnly;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sluice\"");
            String reason = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "an admin token is required: send Authorization: Bearer <token>"
                    : failure.getMessage();
            problems.write(request, response, ProblemType.UNAUTHORIZED.problem(reason));
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, denied) -> {
            String call = request.getMethod() + " " + request.getRequestURI();
            boolean viewer = !AdminRole.OPERATOR.isHeldBy(SecurityContextHolder.getContext().getAuthentication());
            problems.write(request, response, viewer && operatorOnly.matches(request)
                    ? ProblemType.OPERATOR_ROLE_REQUIRED.problem("this token may only read; " + call
                            + " needs an operator token")
                    : ProblemType.FORBIDDEN.problem(call + " is not part of the admin API; no token may call it"));
        };
    }
}
