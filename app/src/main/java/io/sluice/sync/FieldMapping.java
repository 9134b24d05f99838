package io.sluice.sync;

import java.util.Locale;

/**
 * One warehouse column written to one destination field.
 *
 * @param column    as the model query names it
 * @param field     destination field name
 * @param transform applied to text values before they are compared or sent
 * @param write     when the field is written: always, or only on the record's creation
 * @param nulls     whether a NULL is sent (and blanks the field) or left out
 */
public record FieldMapping(String column, String field, Transform transform, Write write, Nulls nulls) {

    /** Written always, NULLs sent: a field the warehouse alone owns. */
    public FieldMapping(String column, String field, Transform transform) {
        this(column, field, transform, Write.ALWAYS, Nulls.SEND);
    }

    /** Whether a record delivered before gets this field with this value. */
    public boolean sends(Object value, boolean creating) {
        return (creating || write != Write.ON_CREATE) && (value != null || nulls == Nulls.SEND);
    }

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

    /** Who owns the field: the warehouse ({@code always}), or whoever wrote it first ({@code on_create}). */
    public enum Write {
        ALWAYS,
        /** Only where the destination's value is empty: needs its current values, which no destination reads yet. */
        IF_EMPTY,
        /** Only when Sluice delivers the record for the first time: afterwards people in the tool own it. */
        ON_CREATE
    }

    public enum Nulls {
        SEND,
        /** A NULL in the warehouse never blanks the destination's value: the field is left out. */
        SKIP
    }
}
