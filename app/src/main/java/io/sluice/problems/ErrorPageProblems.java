package io.sluice.problems;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that reach the servlet container's error page instead of a controller (a URL the firewall
 * refused, an exception thrown in a filter) are problems too, in place of Spring Boot's own error JSON.
 */
@RestController
class ErrorPageProblems implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                ? failed : request.getRequestURI();
        String detail = detail(request, status, path);
        ProblemDetail problem = ProblemType.generic(status).map(type -> type.problem(detail))
                .orElseGet(() -> ProblemDetail.forStatusAndDetail(status, detail));
        problem.setInstance(URI.create(path));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A client's error says what the container said; a server's says nothing an attacker could use. */
    private static String detail(HttpServletRequest request, HttpStatus status, String path) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (status.is4xxClientError() && message instanceof String text && !text.isBlank()) {
            return text;
        }
        return request.getMethod() + " " + path + ": " + status.getReasonPhrase()
                + (status.is5xxServerError() ? "; Sluice's log says why" : "");
    }
}
