package io.sluice.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.sluice.sandbox.salesforce.SObjectSchema.FieldKind;
import io.sluice.sandbox.salesforce.SObjectSchema.FieldSpec;
import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/** The per-record checks Salesforce applies on save; each failure becomes an error in that record's result. */
final class RecordValidator {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final Map<String, List<String>> requiredFieldsByType = new ConcurrentHashMap<>();

    void requireFields(SObjectType type, List<String> fields) {
        requiredFieldsByType.put(type.name(), List.copyOf(fields));
    }

    void resetToDefaults() {
        requiredFieldsByType.clear();
    }

    /**
     * @param changes the fields the request sets, by canonical name; null means the request clears the field
     * @param saved   the record as it would be saved, so required fields an update leaves alone still count
     */
    List<SalesforceError> validate(SObjectType type, Map<String, Object> changes, Map<String, Object> saved) {
        List<SalesforceError> errors = new ArrayList<>();
        changes.forEach((name, value) -> {
            FieldSpec field = type.field(name).orElseThrow();
            if (value != null && (field.kind() == FieldKind.TEXT || field.kind() == FieldKind.EMAIL)) {
                checkText(field, String.valueOf(value), errors);
            }
        });
        List<String> missing = requiredFieldsByType.getOrDefault(type.name(), type.defaultRequiredFields())
                .stream()
                .filter(name -> saved.get(name) == null)
                .toList();
        if (!missing.isEmpty()) {
            errors.add(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                    missing));
        }
        return errors;
    }

    private static void checkText(FieldSpec field, String text, List<SalesforceError> errors) {
        if (field.kind() == FieldKind.EMAIL && !EMAIL.matcher(text).matches()) {
            errors.add(SalesforceError.of("INVALID_EMAIL_ADDRESS",
                    field.name() + ": invalid email address: " + text, field.name()));
        } else if (text.length() > field.maxLength()) {
            errors.add(SalesforceError.of("STRING_TOO_LONG",
                    field.name() + ": data value too large: " + text + " (max length=" + field.maxLength() + ")",
                    field.name()));
        }
    }
}
