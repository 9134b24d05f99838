package io.sluice.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * The part of SOQL a client finding records by their values needs: {@code SELECT f1, f2 FROM Object WHERE f = 'v'
 * AND g IN ('a', 'b')}, conditions joined by AND. String literals take SOQL's backslash escapes ({@code \'},
 * {@code \\}); text compares case-insensitively and ids in their 15- or 18-character form, as in Salesforce.
 * Anything else is refused as {@code MALFORMED_QUERY}, an unknown object as {@code INVALID_TYPE} and an unknown field
 * as {@code INVALID_FIELD}, as Salesforce answers them; so is a statement longer than Salesforce's 100,000
 * characters.
 */
final class SoqlQuery {

    static final int MAX_LENGTH = 100_000;

    private static final Pattern STATEMENT = Pattern.compile(
            "(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(.+?))?\\s*");
    private static final Pattern CONDITION = Pattern.compile(
            "(?is)\\s*(\\w+)\\s*(?:=\\s*('(?:[^'\\\\]|\\\\.)*')|IN\\s*\\(\\s*('(?:[^'\\\\]|\\\\.)*'(?:\\s*,\\s*'(?:[^'\\\\]|\\\\.)*')*)\\s*\\))\\s*(AND\\b|$)");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    private record Condition(String field, List<String> values) {
    }

    private SoqlQuery() {
    }

    static SObjectApi.ApiResponse run(RecordStore store, String apiVersion, String soql) {
        if (soql == null || soql.isBlank()) {
            throw RequestRejected.badRequest("MALFORMED_QUERY", "A query string (q) is required");
        }
        if (soql.length() > MAX_LENGTH) {
            throw RequestRejected.badRequest("MALFORMED_QUERY",
                    "SOQL statements cannot be longer than " + MAX_LENGTH + " characters");
        }
        Matcher statement = STATEMENT.matcher(soql);
        if (!statement.matches()) {
            throw malformed(soql);
        }
        SObjectType type = SObjectSchema.find(statement.group(2)).orElseThrow(() -> RequestRejected.badRequest(
                "INVALID_TYPE", "sObject type '" + statement.group(2) + "' is not supported."));
        List<String> fields = new ArrayList<>();
        for (String field : statement.group(1).split(",")) {
            fields.add(canonical(type, field.trim()));
        }
        List<Condition> conditions = statement.group(3) == null ? List.of() : conditions(type, statement.group(3), soql);
        List<Map<String, Object>> records = new ArrayList<>();
        for (Map<String, Object> record : store.records(type)) {
            if (conditions.stream().allMatch(condition -> matches(record.get(condition.field()), condition.values()))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("attributes", Map.of("type", type.name(),
                        "url", "/services/data/" + apiVersion + "/sobjects/" + type.name() + "/" + record.get("Id")));
                fields.forEach(field -> row.put(field, record.get(field)));
                records.add(row);
            }
        }
        return new SObjectApi.ApiResponse(200, Map.of("totalSize", records.size(), "done", true, "records", records));
    }

    private static List<Condition> conditions(SObjectType type, String where, String soql) {
        List<Condition> conditions = new ArrayList<>();
        Matcher condition = CONDITION.matcher(where);
        int at = 0;
        while (at < where.length() && condition.find(at) && condition.start() == at) {
            String literals = condition.group(2) != null ? condition.group(2) : condition.group(3);
            List<String> values = new ArrayList<>();
            Matcher literal = LITERAL.matcher(literals);
            while (literal.find()) {
                values.add(literal.group(1).replaceAll("\\\\(.)", "$1"));
            }
            conditions.add(new Condition(canonical(type, condition.group(1)), values));
            at = condition.end();
        }
        if (at < where.length()) {
            throw malformed(soql);
        }
        return conditions;
    }

    private static boolean matches(Object stored, List<String> values) {
        if (stored == null) {
            return false;
        }
        String text = String.valueOf(stored);
        Optional<String> id = SalesforceIds.normalize(text);
        return values.stream().anyMatch(value -> value.equalsIgnoreCase(text)
                || id.isPresent() && id.equals(SalesforceIds.normalize(value)));
    }

    private static String canonical(SObjectType type, String field) {
        if (field.equalsIgnoreCase("Id")) {
            return "Id";
        }
        return type.field(field).orElseThrow(() -> RequestRejected.badRequest("INVALID_FIELD",
                "No such column '" + field + "' on entity '" + type.name() + "'. If you are attempting to use a "
                        + "custom field, be sure to append the '__c' after the custom field name.")).name();
    }

    private static RequestRejected malformed(String soql) {
        return RequestRejected.badRequest("MALFORMED_QUERY",
                "unexpected token in: " + soql.substring(0, Math.min(soql.length(), 200)).toUpperCase(Locale.ROOT));
    }
}
