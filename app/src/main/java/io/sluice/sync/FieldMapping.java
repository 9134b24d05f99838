package io.sluice.sync;

import java.util.Locale;

/**
 * One warehouse column written to one destination field.
 *
 * @param column    as the model query names it
 * @param field     destination field name
 * @param transform applied to text values before they are compared or sent
 */
public record FieldMapping(String column, String field, Transform transform) {

    public enum Transform {
        NONE, TRIM, LOWERCASE, UPPERCASE;

        public Object apply(Object value) {
            if (!(value instanceof String text)) {
                return value;
            }
            return switch (this) {
                case NONE -> text;
                case TRIM -> text.trim();
                case LOWERCASE -> text.toLowerCase(Locale.ROOT);
                case UPPERCASE -> text.toUpperCase(Locale.ROOT);
            };
        }
    }
}
