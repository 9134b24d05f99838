package io.sluice.scenarios;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares what a scenario's {@code expect.yaml} says a destination holds with what its fake holds, and
 * lists every difference in words. A record is matched on its {@code key} field; the fields the file lists
 * must have those values (others are not looked at); there must be no record the file does not list. A
 * collection written as a plain list (Slack messages) is compared in order.
 */
final class Expectations {

    private final List<String> differences = new ArrayList<>();

    List<String> differences() {
        return differences;
    }

    @SuppressWarnings("unchecked")
    void collection(String where, Object expected, List<Map<String, Object>> actual) {
        if (expected instanceof List<?> inOrder) {
            if (inOrder.size() != actual.size()) {
                differences.add(where + ": expected " + inOrder.size() + " record(s), the fake holds "
                        + actual.size() + ": " + actual);
            }
            for (int i = 0; i < Math.min(inOrder.size(), actual.size()); i++) {
                fields(where + "[" + i + "]", (Map<String, Object>) inOrder.get(i), actual.get(i));
            }
            return;
        }
        Map<String, Object> keyed = (Map<String, Object>) expected;
        String key = (String) keyed.get("key");
        Map<String, Map<String, Object>> actualByKey = new LinkedHashMap<>();
        actual.forEach(record -> actualByKey.put(String.valueOf(record.get(key)), record));
        TreeSet<String> expectedKeys = new TreeSet<>();
        for (Map<String, Object> record : (List<Map<String, Object>>) keyed.getOrDefault("records", List.of())) {
            String id = String.valueOf(record.get(key));
            expectedKeys.add(id);
            Map<String, Object> found = actualByKey.get(id);
            if (found == null) {
                differences.add(where + "[" + key + "=" + id + "]: missing; the fake holds " + actualByKey.keySet());
            } else {
                fields(where + "[" + key + "=" + id + "]", record, found);
            }
        }
        actualByKey.keySet().stream().filter(id -> !expectedKeys.contains(id)).forEach(id ->
                differences.add(where + "[" + key + "=" + id + "]: not expected, but the fake holds "
                        + actualByKey.get(id)));
    }

    @SuppressWarnings("unchecked")
    void fields(String where, Map<String, Object> expected, Map<String, Object> actual) {
        expected.forEach((field, value) -> {
            Object found = actual.get(field);
            if (value instanceof Map<?, ?> nested && found instanceof Map<?, ?> foundNested) {
                fields(where + "." + field, (Map<String, Object>) nested, (Map<String, Object>) foundNested);
            } else if (!same(value, found)) {
                differences.add(where + "." + field + ": expected " + show(value) + " but was " + show(found));
            }
        });
    }

    /** YAML and the fakes spell values their own way: 0.5 and "0.50" are one number, "" and absent one nothing. */
    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return isNothing(expected) && isNothing(actual);
        }
        BigDecimal expectedNumber = number(expected);
        BigDecimal actualNumber = number(actual);
        if (expectedNumber != null && actualNumber != null) {
            return expectedNumber.compareTo(actualNumber) == 0;
        }
        return Objects.equals(String.valueOf(expected), String.valueOf(actual));
    }

    private static boolean isNothing(Object value) {
        return value == null || value.toString().isEmpty();
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Boolean) {
            return null;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String show(Object value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
