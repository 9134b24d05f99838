package io.sluice.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
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

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;

import io.sluice.sync.FieldMapping;
import io.sluice.sync.MappingExpressions;
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
    /** Per field: whether it is its column's value, transformed at most (no constant, cast or default). */
    private final boolean[] plain;
    private final boolean allPlain;
    private final String[] fields;
    /** Positions of the fields in name order, as the content hash wants them. */
    private final int[] hashOrder;
    private final int cursorPosition;

    /** Per field: its compiled {@code expression:}, or null. */
    private final Expression[] expressions;
    private final CamelContext camel;
    private final List<String> rowColumns;

    /** @param rowColumns the labels of the rows' columns, in row order */
    public RecordMapper(SyncDefinition sync, List<String> rowColumns) {
        this(sync, rowColumns, null);
    }

    /** @param camel evaluates the mapping's expressions; null when it has none */
    public RecordMapper(SyncDefinition sync, List<String> rowColumns, CamelContext camel) {
        this.mapping = sync.mapping();
        this.camel = camel;
        this.rowColumns = List.copyOf(rowColumns);
        this.expressions = new Expression[mapping.size()];
        for (int i = 0; i < expressions.length; i++) {
            String expression = mapping.get(i).expression();
            if (expression != null) {
                expressions[i] = camel.resolveLanguage(MappingExpressions.LANGUAGE).createExpression(expression);
                expressions[i].init(camel);
            }
        }
        Map<String, Integer> positions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < rowColumns.size(); i++) {
            positions.putIfAbsent(rowColumns.get(i), i);
        }
        this.columnPositions = mapping.stream()
                .mapToInt(field -> field.readsColumn() ? positions.get(field.column()) : -1).toArray();
        this.plain = new boolean[mapping.size()];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = mapping.get(i).isPlain();
        }
        this.allPlain = mapping.stream().allMatch(FieldMapping::isPlain);
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
        if (allPlain) {
            for (int i = 0; i < columnPositions.length; i++) {
                values[i] = mapping.get(i).transform().apply(normalize(row[columnPositions[i]]));
            }
            return values;
        }
        Exchange exchange = null;
        for (int i = 0; i < columnPositions.length; i++) {
            FieldMapping field = mapping.get(i);
            Object read = columnPositions[i] < 0 ? null : normalize(row[columnPositions[i]]);
            if (expressions[i] != null) {
                if (exchange == null) {
                    exchange = new DefaultExchange(camel);
                    exchange.getMessage().setBody(rowMap(row));
                }
                try {
                    read = normalize(expressions[i].evaluate(exchange, Object.class));
                } catch (RuntimeException e) {
                    throw new UnmappableRow("mapping." + field.column() + ".expression: " + e.getMessage(), e);
                }
            }
            try {
                values[i] = plain[i] ? field.transform().apply(read) : field.apply(read);
            } catch (IllegalArgumentException e) {
                throw new UnmappableRow("mapping." + field.column() + ": " + e.getMessage(), e);
            }
        }
        return values;
    }

    /** The row as an expression sees it: column to value, the columns' names in any letter case. */
    private Map<String, Object> rowMap(Object[] row) {
        Map<String, Object> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < row.length; i++) {
            columns.putIfAbsent(rowColumns.get(i), normalize(row[i]));
        }
        return columns;
    }

    /** The row's mapped columns as read: what a dead letter keeps of a row that could not be mapped. */
    public Map<String, Object> columns(Object[] row) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnPositions.length; i++) {
            if (columnPositions[i] >= 0) {
                columns.put(mapping.get(i).column(), normalize(row[columnPositions[i]]));
            }
        }
        return columns;
    }

    /** A value of the row cannot be cast to the type its mapping asks for. */
    public static final class UnmappableRow extends IllegalArgumentException {
        UnmappableRow(String message, Throwable cause) {
            super(message, cause);
        }
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

    /** As {@link #outbound(Object[], boolean)}, for a record processors reshaped: fields they added are all sent. */
    public Map<String, Object> outbound(Map<String, Object> processed, boolean creating) {
        Map<String, Object> payload = new LinkedHashMap<>(processed);
        for (int i = 0; i < fields.length; i++) {
            if (payload.containsKey(fields[i]) && !mapping.get(i).sends(payload.get(fields[i]), creating)) {
                payload.remove(fields[i]);
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

    /**
     * A record a processor produced, in the form a mapped one has: its values may be any Groovy or Java type
     * ({@code GString}, {@code Integer}, lists).
     */
    public static Map<String, Object> normalizeAll(Map<String, Object> record) {
        Map<String, Object> normalized = new LinkedHashMap<>(record.size() * 2);
        record.forEach((field, value) -> normalized.put(field, normalize(value)));
        return normalized;
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
        if (value instanceof BigInteger whole) {
            return new BigDecimal(whole);
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
        if (value instanceof List<?> list) {
            return list.stream().map(RecordMapper::normalize).toList();
        }
        if (value instanceof BigInteger number) {
            return new BigDecimal(number);
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
