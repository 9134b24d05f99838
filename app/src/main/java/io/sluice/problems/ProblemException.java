package io.sluice.problems;

import org.springframework.web.ErrorResponseException;

/** An error whose class the code raising it knows; Spring MVC answers it with its problem detail. */
public class ProblemException extends ErrorResponseException {

    ProblemException(ProblemType type, String detail) {
        super(type.status(), type.problem(detail), null);
    }
}
