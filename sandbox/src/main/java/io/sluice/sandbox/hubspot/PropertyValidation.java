package io.sluice.sandbox.hubspot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.sluice.sandbox.hubspot.Schema.ObjectType;
import io.sluice.sandbox.hubspot.Schema.PropertyDefinition;

/** HubSpot's checks of the property values an input carries, with its error codes and messages. */
final class PropertyValidation {

    record InvalidProperty(String name, String code, String message) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,15}");
    private static final List<Consumer<String>> DATE_TIME_FORMS =
            List.of(Instant::parse, OffsetDateTime::parse, LocalDate::parse);

    private PropertyValidation() {
    }

    static List<InvalidProperty> check(ObjectType type, Map<String, String> properties) {
        List<InvalidProperty> invalid = new ArrayList<>();
        properties.forEach((name, value) -> {
            Optional<PropertyDefinition> definition = type.property(name);
            if (definition.isEmpty()) {
                invalid.add(new InvalidProperty(name, "PROPERTY_DOESNT_EXIST", "Property \"" + name + "\" does not exist"));
            } else if (definition.get().readOnly()) {
                invalid.add(new InvalidProperty(name, "READ_ONLY_VALUE",
                        "\"" + name + "\" is a read only property; its value cannot be set."));
            } else {
                invalidValue(definition.get(), value).ifPresent(invalid::add);
            }
        });
        return invalid;
    }

    /** An empty value is always valid: it clears the property. */
    private static Optional<InvalidProperty> invalidValue(PropertyDefinition property, String value) {
        String name = property.name();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (property.kind()) {
            case TEXT -> Optional.empty();
            case EMAIL -> EMAIL.matcher(value.trim()).matches() ? Optional.empty()
                    : Optional.of(new InvalidProperty(name, "INVALID_EMAIL", "Email address " + value + " is invalid"));
            case NUMBER -> isNumber(value) ? Optional.empty()
                    : Optional.of(new InvalidProperty(name, "INVALID_FLOAT", value + " was not a valid number."));
            case DATETIME -> isDateTime(value) ? Optional.empty()
                    : Optional.of(new InvalidProperty(name, "INVALID_DATETIME", value
                            + " was not a valid long (epoch milliseconds) or ISO 8601 date-time."));
            case ENUMERATION -> Arrays.stream(value.split(";")).allMatch(property.options()::contains) ? Optional.empty()
                    : Optional.of(new InvalidProperty(name, "INVALID_OPTION", value
                            + " was not one of the allowed options: " + property.options()));
        };
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDateTime(String value) {
        String text = value.trim();
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return true;
        }
        for (Consumer<String> parser : DATE_TIME_FORMS) {
            try {
                parser.accept(text);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }
}
