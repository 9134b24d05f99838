package io.sluice.diff;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;

/**
 * Turns a warehouse row into the payload a destination receives: mapped field names, values in
 * JSON-friendly form. Timestamps without a zone are taken as UTC, as warehouses store them.
 */
public final class RecordMapper {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;

    private final List<FieldMapping> mapping;
    /** Where each mapped column sits in the row, found once: drivers differ in letter case. */
    private final int[] columnPositions;
    private final String[] fields;
    /** Positions of the fields in name order, as the content hash wants them. */
    private final int[] hashOrder;
    private final int cursorPosition;

    /** @param rowColumns the labels of the rows' columns, in row order */
    public RecordMapper(SyncDefinition sync, List<String> rowColumns) {
        this.mapping = sync.mapping();
        Map<String, Integer> positions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < rowColumns.size(); i++) {
            positions.putIfAbsent(rowColumns.get(i), i);
        }
        this.columnPositions = mapping.stream().mapToInt(field -> positions.get(field.column())).toArray();
        this.fields = mapping.stream().map(FieldMapping::field).toArray(String[]::new);
        this.hashOrder = ContentHasher.nameOrder(fields);
        this.cursorPosition = sync.cursor().map(positions::get).orElse(-1);
    }

    public Map<String, Object> map(Object[] row) {
        return payload(values(row));
    }

    /**
     * The mapped values in mapping order. Most rows turn out unchanged: they are hashed from this
     * array and never become a payload map.
     */
    public Object[] values(Object[] row) {
        Object[] values = new Object[columnPositions.length];
        for (int i = 0; i < columnPositions.length; i++) {
            values[i] = mapping.get(i).transform().apply(normalize(row[columnPositions[i]]));
        }
        return values;
    }

    public Map<String, Object> payload(Object[] values) {
        Map<String, Object> payload = new LinkedHashMap<>(fields.length * 2);
        for (int i = 0; i < fields.length; i++) {
            payload.put(fields[i], values[i]);
        }
        return payload;
    }

    /**
     * What is sent of these values: without the fields written only on creation when the record was delivered
     * before, and without the NULLs of fields that skip them.
     */
    public Map<String, Object> outbound(Object[] values, boolean creating) {
        Map<String, Object> payload = new LinkedHashMap<>(fields.length * 2);
        for (int i = 0; i < fields.length; i++) {
            if (mapping.get(i).sends(values[i], creating)) {
                payload.put(fields[i], values[i]);
            }
        }
        return payload;
    }

    /** The digest of the hash {@link ContentHasher#hash(Map)} gives the payload of these values. */
    byte[] digest(Object[] values) {
        return ContentHasher.digest(fields, hashOrder, values);
    }

    /** Position of a destination field in {@link #values}. */
    public int position(String field) {
        return List.of(fields).indexOf(field);
    }

    /** The row's incremental cursor value, if the sync has a cursor. */
    public Object cursorValue(Object[] row) {
        return cursorPosition < 0 ? null : row[cursorPosition];
    }

    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal) {
            // 100.00 and 100 are the same value; never 1E+2, which destinations read as text
            BigDecimal stripped = decimal.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Timestamp timestamp) {
            return utcInstant(timestamp.toLocalDateTime());
        }
        if (value instanceof LocalDateTime dateTime) {
            return utcInstant(dateTime);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return utcInstant(dateTime.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        try {
            if (value instanceof Clob clob) {
                return clob.getSubString(1, (int) clob.length());
            }
            if (value instanceof Array array) {
                return Arrays.stream((Object[]) array.getArray()).map(RecordMapper::normalize).toList();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a " + value.getClass().getSimpleName() + " value", e);
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(RecordMapper::normalize).toList();
        }
        return value.toString();
    }

    /**
     * What {@code DateTimeFormatter.ISO_INSTANT} writes for a UTC date-time, written directly for the
     * four-digit years every warehouse holds: it runs for each timestamp of each row.
     */
    static String utcInstant(LocalDateTime utc) {
        int year = utc.getYear();
        if (year < 1000 || year > 9999) {
            return INSTANT.format(utc.toInstant(ZoneOffset.UTC));
        }
        int nano = utc.getNano();
        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fraction == 0 ? 0 : fraction + 1)];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        if (fraction > 0) {
            text[19] = '.';
            digits(text, 20, nano / (fraction == 3 ? 1_000_000 : fraction == 6 ? 1_000 : 1), fraction);
        }
        text[text.length - 1] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] text, int from, int value, int count) {
        int rest = value;
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
