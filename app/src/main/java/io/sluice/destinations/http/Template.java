package io.sluice.destinations.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Text with {@code {{...}}} placeholders, compiled once per sync file. A placeholder names a mapped
 * field ({@code {{email}}}), a configured endpoint ({@code {{config:intercom}}}) or secret
 * ({@code {{secret:intercom_token}}}), the id the destination gave the record
 * ({@code {{destination_id}}}), the records of a batch ({@code {{records}}}), or an event's idempotency
 * identifier ({@code {{event_id}}}, sync mode append). Which of these a
 * template may use depends on where it stands; {@link HttpSettingsReader} checks that.
 *
 * <p>In a JSON template a placeholder remembers whether it stands inside a string literal: there it
 * becomes escaped text, elsewhere a whole JSON value.
 */
record Template(String source, List<Part> parts) {

    static final String DESTINATION_ID = "destination_id";
    static final String RECORDS = "records";
    static final String EVENT_ID = "event_id";

    enum Kind { FIELD, CONFIG, SECRET, DESTINATION_ID, RECORDS, EVENT_ID }

    /** What a placeholder refers to; {@code name} is the field, endpoint or secret name. */
    record Reference(Kind kind, String name) {

        static Reference parse(String text) {
            String trimmed = text.strip();
            int colon = trimmed.indexOf(':');
            if (colon >= 0) {
                String prefix = trimmed.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String name = trimmed.substring(colon + 1).strip();
                return switch (prefix) {
                    case "config" -> new Reference(Kind.CONFIG, name);
                    case "secret" -> new Reference(Kind.SECRET, name);
                    default -> new Reference(Kind.FIELD, trimmed);
                };
            }
            return switch (trimmed) {
                case DESTINATION_ID -> new Reference(Kind.DESTINATION_ID, trimmed);
                case RECORDS -> new Reference(Kind.RECORDS, trimmed);
                case EVENT_ID -> new Reference(Kind.EVENT_ID, trimmed);
                default -> new Reference(Kind.FIELD, trimmed);
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case CONFIG -> "{{config:" + name + "}}";
                case SECRET -> "{{secret:" + name + "}}";
                default -> "{{" + name + "}}";
            };
        }
    }

    sealed interface Part permits Literal, Placeholder {
    }

    record Literal(String text) implements Part {
    }

    /** @param inJsonString the placeholder stands between the quotes of a JSON string */
    record Placeholder(Reference reference, boolean inJsonString) implements Part {
    }

    /** Splits text into literals and placeholders; an unclosed {@code {{} is a mistake, not text. */
    static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean inString = false;
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("{{", i)) {
                int end = source.indexOf("}}", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'{{' at position " + (i + 1) + " is not closed with '}}'");
                }
                String inside = source.substring(i + 2, end);
                if (inside.isBlank()) {
                    throw new IllegalArgumentException("empty placeholder '{{}}' at position " + (i + 1));
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(Reference.parse(inside), inString));
                i = end + 2;
                continue;
            }
            char c = source.charAt(i);
            literal.append(c);
            if (c == '\\' && inString && i + 1 < source.length()) {
                literal.append(source.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            i++;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(source, List.copyOf(parts));
    }

    Stream<Reference> references() {
        return parts.stream().filter(Placeholder.class::isInstance).map(part -> ((Placeholder) part).reference());
    }

    Optional<Reference> find(Kind kind) {
        return references().filter(reference -> reference.kind() == kind).findFirst();
    }

    boolean uses(Kind kind) {
        return find(kind).isPresent();
    }

    /** Literals as written, each placeholder as {@code render} writes it. */
    String render(Function<Placeholder, String> render) {
        StringBuilder text = new StringBuilder(source.length() + 64);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.text());
            } else {
                text.append(render.apply((Placeholder) part));
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
