package io.sluice.sync;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The one language a mapping's {@code expression:} is written in: Camel's {@code simple}, over the row as a map of
 * column to value ({@code ${body[first_name]}}). Simple ships with Camel's core and reads like the placeholders a
 * sync file already has.
 */
public final class MappingExpressions {

    public static final String LANGUAGE = "simple";

    /** Parses expressions where no Camel runs (loading a file, {@code validate}); it never starts. */
    private static final CamelContext PARSER = new DefaultCamelContext();

    private MappingExpressions() {
    }

    /** Why the expression cannot be parsed, or empty. */
    static Optional<String> problem(String expression) {
        try {
            PARSER.resolveLanguage(LANGUAGE).createExpression(expression).init(PARSER);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("not a valid " + LANGUAGE + " expression: " + e.getMessage());
        }
    }
}
