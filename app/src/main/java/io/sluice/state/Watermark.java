package io.sluice.state;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * The highest incremental cursor value a run has fully delivered. Kept with its type so the next
 * run binds it as the same SQL type as the cursor column (a timestamp compared with text fails).
 */
public record Watermark(Type type, String value) {

    public enum Type { TIMESTAMP, DATE, NUMBER, TEXT }

    public static Watermark of(Object cursorValue) {
        if (cursorValue instanceof Timestamp timestamp) {
            return new Watermark(Type.TIMESTAMP, timestamp.toLocalDateTime().toString());
        }
        if (cursorValue instanceof LocalDateTime dateTime) {
            return new Watermark(Type.TIMESTAMP, dateTime.toString());
        }
        if (cursorValue instanceof OffsetDateTime dateTime) {
            return new Watermark(Type.TIMESTAMP, dateTime.toLocalDateTime().toString());
        }
        if (cursorValue instanceof java.sql.Date date) {
            return new Watermark(Type.DATE, date.toLocalDate().toString());
        }
        if (cursorValue instanceof LocalDate date) {
            return new Watermark(Type.DATE, date.toString());
        }
        if (cursorValue instanceof Number number) {
            return new Watermark(Type.NUMBER, new BigDecimal(number.toString()).toPlainString());
        }
        return new Watermark(Type.TEXT, String.valueOf(cursorValue));
    }

    /** The value to bind as the query parameter. */
    public Object sqlValue() {
        return switch (type) {
            case TIMESTAMP -> Timestamp.valueOf(LocalDateTime.parse(value));
            case DATE -> java.sql.Date.valueOf(LocalDate.parse(value));
            case NUMBER -> new BigDecimal(value);
            case TEXT -> value;
        };
    }

    /** Compares two cursor values read from the same column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static boolean isAfter(Object candidate, Object current) {
        if (current == null) {
            return candidate != null;
        }
        if (candidate == null) {
            return false;
        }
        if (candidate instanceof Number a && current instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) > 0;
        }
        return ((Comparable) candidate).compareTo(current) > 0;
    }
}
