package io.sluice.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One destination field and where its value comes from: a warehouse column (with a rule applied to it), or a
 * constant.
 *
 * @param column       as the model query names it; the mapping's key when the field holds a constant
 * @param field        destination field name
 * @param transform    applied to text values before they are compared or sent
 * @param value        a constant sent instead of a column's value, or {@code null}
 * @param expression   a Camel {@code simple} expression computing the value from the row's columns
 *                     ({@code ${body[first_name]} ${body[last_name]}}), or {@code null}
 * @param type         the type the value is cast to, or {@code null} to send it as read
 * @param format       how a text value of a {@code date} or {@code datetime} reads ({@link DateTimeFormatter}), or
 *                     {@code null} for ISO-8601
 * @param defaultValue sent when the value is NULL, or {@code null}
 * @param write        when the field is written: always, only on the record's creation, or only while empty
 * @param nulls        whether a NULL is sent (and blanks the field) or left out
 */
public record FieldMapping(String column, String field, Transform transform, Object value, String expression,
                           Cast type, String format, Object defaultValue, Write write, Nulls nulls) {

    public FieldMapping {
        write = write == null ? Write.ALWAYS : write;
        nulls = nulls == null ? Nulls.SEND : nulls;
    }

    /** {@code ${body[column]}} or {@code ${body.column}}: a column an expression reads. */
    private static final Pattern COLUMN_REFERENCE = Pattern.compile("\\$\\{body(?:\\[\\s*'?([^\\]']+)'?\\s*]|\\.(\\w+))");

    /** Read from its column as it is, written always, NULLs sent: a field the warehouse alone owns. */
    public FieldMapping(String column, String field, Transform transform) {
        this(column, field, transform, Write.ALWAYS, Nulls.SEND);
    }

    public FieldMapping(String column, String field, Transform transform, Write write, Nulls nulls) {
        this(column, field, transform, null, null, null, null, null, write, nulls);
    }

    /** Whether a record delivered before gets this field with this value. */
    public boolean sends(Object value, boolean creating) {
        return (creating || write != Write.ON_CREATE) && (value != null || nulls == Nulls.SEND);
    }

    /** Whether the field's value comes from its column of the model's rows. */
    public boolean readsColumn() {
        return value == null && expression == null;
    }

    /** Whether the field is its column's value as read, transformed at most: the mapping's fast path. */
    public boolean isPlain() {
        return readsColumn() && type == null && defaultValue == null;
    }

    /** The columns the expression reads, as it names them. */
    public List<String> expressionColumns() {
        if (expression == null) {
            return List.of();
        }
        List<String> columns = new ArrayList<>();
        Matcher reference = COLUMN_REFERENCE.matcher(expression);
        while (reference.find()) {
            columns.add((reference.group(1) != null ? reference.group(1) : reference.group(2)).strip());
        }
        return columns;
    }

    /**
     * The field's value from its column's or its expression's (already in JSON-friendly form: text, long, decimal,
     * boolean, ISO dates).
     *
     * @throws IllegalArgumentException when the value cannot be cast to {@link #type}
     */
    public Object apply(Object read) {
        Object value = this.value == null ? transform.apply(read) : this.value;
        if (value != null && type != null) {
            value = type.cast(value, format == null ? null : DateTimeFormatter.ofPattern(format, Locale.ROOT));
        }
        return value == null ? defaultValue : value;
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

    /** What {@code type:} casts a value to: text, a number, true/false, or an ISO date or UTC date-time. */
    public enum Cast {
        STRING, NUMBER, BOOLEAN, DATE, DATETIME;

        Object cast(Object value, DateTimeFormatter format) {
            String text = value.toString().strip();
            try {
                return switch (this) {
                    case STRING -> value.toString();
                    case NUMBER -> value instanceof Number number ? number : number(text);
                    case BOOLEAN -> value instanceof Boolean flag ? flag : bool(text);
                    case DATE -> date(text, format).toString();
                    case DATETIME -> dateTime(text, format).toInstant().toString();
                };
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not a " + name().toLowerCase(Locale.ROOT)
                        + (format == null ? "" : " in the format given"), e);
            }
        }

        private static Object number(String text) {
            BigDecimal number = new BigDecimal(text).stripTrailingZeros();
            return number.scale() <= 0 ? (Object) number.longValueExact() : number;
        }

        private static Boolean bool(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> true;
                case "false", "no", "n", "0" -> false;
                default -> throw new NumberFormatException("not a boolean");
            };
        }

        private static LocalDate date(String text, DateTimeFormatter format) {
            if (format != null) {
                return LocalDate.parse(text, format);
            }
            // a date-time read from the warehouse is already ISO text: its date part
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        }

        private static OffsetDateTime dateTime(String text, DateTimeFormatter format) {
            if (format == null) {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                        : OffsetDateTime.parse(text);
            }
            TemporalAccessor parsed = format.parseBest(text, OffsetDateTime::from, LocalDateTime::from,
                    LocalDate::from);
            if (parsed instanceof OffsetDateTime dateTime) {
                return dateTime.withOffsetSameInstant(ZoneOffset.UTC);
            }
            // without a zone, as the warehouse's timestamps: UTC
            return parsed instanceof LocalDateTime local ? local.atOffset(ZoneOffset.UTC)
                    : ((LocalDate) parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
    }

    /**
     * Who owns the field: the warehouse ({@code always}), whoever wrote it first ({@code on_create}), or whoever
     * fills it in the destination ({@code if_empty}).
     */
    public enum Write {
        ALWAYS,
        /** Only where the destination's value is empty: its current values are read once per batch. */
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
