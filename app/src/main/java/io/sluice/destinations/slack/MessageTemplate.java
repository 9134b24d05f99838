package io.sluice.destinations.slack;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sluice.sync.SyncFileDestination.Problem;

/**
 * A message written in a sync file with {@code {{name}}} placeholders, each naming a mapped column or field.
 * Every placeholder is resolved to its mapped field when the file is loaded, so a message never goes out
 * with a hole in it.
 *
 * <p>Values are escaped for Slack (only {@code &}, {@code <} and {@code >} are special): a company called
 * {@code <!channel>} in the warehouse must not notify a whole channel. The template's own text is not
 * escaped, so its author can still write links and mentions.
 */
record MessageTemplate(String source, Map<String, String> fieldByPlaceholder) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern ANY_BRACES = Pattern.compile("\\{\\{.*?}}");

    MessageTemplate {
        fieldByPlaceholder = Map.copyOf(fieldByPlaceholder);
    }

    /**
     * @param fieldOf  the mapped field a placeholder name stands for, if any
     * @param path     where the template sits in the sync file, for problems
     * @param problems receives a problem per placeholder that names nothing mapped
     */
    static MessageTemplate parse(String source, Function<String, Optional<String>> fieldOf, String path,
                                 List<Problem> problems) {
        Map<String, String> fieldByPlaceholder = new LinkedHashMap<>();
        Matcher placeholder = PLACEHOLDER.matcher(source);
        while (placeholder.find()) {
            String name = placeholder.group(1);
            Optional<String> field = fieldOf.apply(name);
            if (field.isPresent()) {
                fieldByPlaceholder.put(name, field.get());
            } else {
                problems.add(new Problem(path, "placeholder {{" + name + "}} is not a mapped column or field"));
            }
        }
        Matcher braces = ANY_BRACES.matcher(PLACEHOLDER.matcher(source).replaceAll(""));
        while (braces.find()) {
            problems.add(new Problem(path, "'" + braces.group() + "' is not a placeholder: write {{column}}, "
                    + "a mapped column or field name of letters, digits and _"));
        }
        return new MessageTemplate(source, fieldByPlaceholder);
    }

    /** @param encode applied to each escaped value, for the format the template is written in (JSON text) */
    String render(Map<String, Object> payload, UnaryOperator<String> encode) {
        return PLACEHOLDER.matcher(source).replaceAll(placeholder -> Matcher.quoteReplacement(
                encode.apply(SlackNotifier.escape(text(payload.get(fieldByPlaceholder.get(placeholder.group(1))))))));
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof List<?> values) {
            return values.stream().map(MessageTemplate::text).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
