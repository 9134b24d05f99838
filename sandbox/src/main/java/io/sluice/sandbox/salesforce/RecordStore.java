package io.sluice.sandbox.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * The org's records. Each batch is checked in full before anything is written, so that {@code allOrNone} can
 * refuse the whole batch; the monitor makes every batch atomic for concurrent callers.
 */
final class RecordStore {

    record UpsertResult(String id, boolean created, List<SalesforceError> errors) {

        boolean success() {
            return errors.isEmpty();
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = result(id, errors);
            if (success()) {
                json.put("created", created);
            }
            return json;
        }
    }

    record DeleteResult(String id, List<SalesforceError> errors) {

        Map<String, Object> toJson() {
            return result(id, errors);
        }
    }

    record CreateResult(String id, List<SalesforceError> errors) {

        Map<String, Object> toJson() {
            return result(id, errors);
        }
    }

    private record StoredRecord(SObjectType type, Map<String, Object> fields) {
    }

    private record PlannedUpsert(String existingId, Map<String, Object> saved, List<SalesforceError> errors) {
    }

    private record PlannedDelete(String id, List<SalesforceError> errors) {
    }

    private final RecordValidator validator;
    private final Map<String, StoredRecord> recordsById = new LinkedHashMap<>();
    private final Set<String> deletedIds = new HashSet<>();
    private long sequence;

    RecordStore(RecordValidator validator) {
        this.validator = validator;
    }

    /**
     * @param changes one map per record, keyed by canonical field name; a null value clears the field
     */
    synchronized List<UpsertResult> upsert(SObjectType type, String externalIdField,
                                           List<Map<String, Object>> changes, boolean allOrNone) {
        Map<String, List<String>> existingByKey = idsByExternalKey(type, externalIdField);
        Map<String, Long> batchKeyCounts = changes.stream()
                .map(record -> externalKey(record.get(externalIdField)))
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<PlannedUpsert> plans = changes.stream()
                .map(record -> plan(type, externalIdField, record, existingByKey, batchKeyCounts))
                .toList();
        boolean rollBack = allOrNone && plans.stream().anyMatch(plan -> !plan.errors().isEmpty());

        List<UpsertResult> results = new ArrayList<>();
        for (PlannedUpsert plan : plans) {
            if (!plan.errors().isEmpty()) {
                results.add(new UpsertResult(null, false, plan.errors()));
            } else if (rollBack) {
                results.add(new UpsertResult(null, false, List.of(SalesforceError.rolledBack())));
            } else {
                String id = plan.existingId() != null
                        ? plan.existingId()
                        : SalesforceIds.newId(type.keyPrefix(), ++sequence);
                recordsById.put(id, new StoredRecord(type, plan.saved()));
                results.add(new UpsertResult(id, plan.existingId() == null, List.of()));
            }
        }
        return results;
    }

    /**
     * Creates records of any types (sObject Collections create), each checked as it would be saved: its required
     * fields and values, and a CampaignMember's references and uniqueness.
     *
     * @param records each record's type and fields by canonical name
     */
    synchronized List<CreateResult> create(List<Map.Entry<SObjectType, Map<String, Object>>> records,
                                           boolean allOrNone) {
        Map<String, SObjectType> stored = new HashMap<>();
        Set<String> memberships = new HashSet<>();
        recordsById.forEach((id, record) -> {
            stored.put(id, record.type());
            if (record.type().name().equals(CampaignMembers.TYPE)) {
                memberships.add(CampaignMembers.membership(record.fields()));
            }
        });
        List<List<SalesforceError>> errors = new ArrayList<>();
        for (Map.Entry<SObjectType, Map<String, Object>> record : records) {
            Map<String, Object> fields = record.getValue();
            fields.values().removeIf(Objects::isNull);
            List<SalesforceError> recordErrors = new ArrayList<>(validator.validate(record.getKey(), fields, fields));
            if (record.getKey().name().equals(CampaignMembers.TYPE)) {
                recordErrors.addAll(CampaignMembers.check(fields, stored, memberships));
            }
            errors.add(recordErrors);
        }
        boolean rollBack = allOrNone && errors.stream().anyMatch(recordErrors -> !recordErrors.isEmpty());
        List<CreateResult> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!errors.get(i).isEmpty()) {
                results.add(new CreateResult(null, errors.get(i)));
            } else if (rollBack) {
                results.add(new CreateResult(null, List.of(SalesforceError.rolledBack())));
            } else {
                SObjectType type = records.get(i).getKey();
                String id = SalesforceIds.newId(type.keyPrefix(), ++sequence);
                recordsById.put(id, new StoredRecord(type, new LinkedHashMap<>(records.get(i).getValue())));
                results.add(new CreateResult(id, List.of()));
            }
        }
        return results;
    }

    synchronized List<String> idsMatching(SObjectType type, String externalIdField, Object value) {
        return idsByExternalKey(type, externalIdField).getOrDefault(externalKey(value), List.of());
    }

    synchronized List<DeleteResult> delete(List<String> ids, boolean allOrNone) {
        Set<String> planned = new HashSet<>();
        List<PlannedDelete> plans = ids.stream().map(id -> planDelete(id, planned)).toList();
        boolean rollBack = allOrNone && plans.stream().anyMatch(plan -> !plan.errors().isEmpty());

        List<DeleteResult> results = new ArrayList<>();
        for (PlannedDelete plan : plans) {
            if (!plan.errors().isEmpty()) {
                results.add(new DeleteResult(null, plan.errors()));
            } else if (rollBack) {
                results.add(new DeleteResult(null, List.of(SalesforceError.rolledBack())));
            } else {
                recordsById.remove(plan.id());
                deletedIds.add(plan.id());
                results.add(new DeleteResult(plan.id(), List.of()));
            }
        }
        return results;
    }

    synchronized List<Map<String, Object>> records(SObjectType type) {
        return recordsById.entrySet().stream()
                .filter(entry -> entry.getValue().type().name().equals(type.name()))
                .map(entry -> withId(entry.getKey(), entry.getValue()))
                .toList();
    }

    synchronized Optional<Map<String, Object>> find(SObjectType type, String field, Object value) {
        return records(type).stream()
                .filter(record -> sameValue(record.get(field), value))
                .findFirst();
    }

    synchronized void clear() {
        recordsById.clear();
        deletedIds.clear();
    }

    private PlannedUpsert plan(SObjectType type, String externalIdField, Map<String, Object> changes,
                               Map<String, List<String>> existingByKey, Map<String, Long> batchKeyCounts) {
        Object externalId = changes.get(externalIdField);
        String key = externalKey(externalId);
        if (key == null) {
            return failed(SalesforceError.of("MISSING_ARGUMENT", externalIdField + " not specified", externalIdField));
        }
        if (batchKeyCounts.get(key) > 1) {
            return failed(SalesforceError.of("DUPLICATE_EXTERNAL_ID",
                    "Duplicate external id specified: " + externalId, externalIdField));
        }
        List<String> matches = existingByKey.getOrDefault(key, List.of());
        if (matches.size() > 1) {
            return failed(SalesforceError.of("DUPLICATE_EXTERNAL_ID",
                    type.name() + ": more than one record found for external id field: " + matches, externalIdField));
        }
        String existingId = matches.isEmpty() ? null : matches.get(0);
        Map<String, Object> saved = existingId == null
                ? new LinkedHashMap<>()
                : new LinkedHashMap<>(recordsById.get(existingId).fields());
        changes.forEach((name, value) -> {
            if (value == null) {
                saved.remove(name);
            } else {
                saved.put(name, value);
            }
        });
        return new PlannedUpsert(existingId, saved, validator.validate(type, changes, saved));
    }

    private static PlannedUpsert failed(SalesforceError error) {
        return new PlannedUpsert(null, Map.of(), List.of(error));
    }

    private PlannedDelete planDelete(String rawId, Set<String> planned) {
        Optional<String> id = SalesforceIds.normalize(rawId);
        if (id.isEmpty()) {
            return failedDelete("MALFORMED_ID", "malformed id " + rawId);
        }
        if (deletedIds.contains(id.get()) || planned.contains(id.get())) {
            return failedDelete("ENTITY_IS_DELETED", "entity is deleted");
        }
        if (!recordsById.containsKey(id.get())) {
            return failedDelete("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        }
        planned.add(id.get());
        return new PlannedDelete(id.get(), List.of());
    }

    private static PlannedDelete failedDelete(String code, String message) {
        return new PlannedDelete(null, List.of(SalesforceError.of(code, message)));
    }

    private Map<String, List<String>> idsByExternalKey(SObjectType type, String externalIdField) {
        Map<String, List<String>> index = new HashMap<>();
        recordsById.forEach((id, record) -> {
            String key = externalKey(record.fields().get(externalIdField));
            if (key != null && record.type().name().equals(type.name())) {
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            }
        });
        return index;
    }

    /** External ids and idLookup fields such as Email match case-insensitively in Salesforce. */
    private static String externalKey(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        return text.isBlank() ? null : text.toLowerCase(Locale.ROOT);
    }

    private static boolean sameValue(Object stored, Object wanted) {
        if (stored instanceof String storedText && wanted instanceof String wantedText) {
            return storedText.equalsIgnoreCase(wantedText);
        }
        return stored != null && stored.equals(wanted);
    }

    private static Map<String, Object> withId(String id, StoredRecord record) {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("Id", id);
        copy.putAll(record.fields());
        return copy;
    }

    private static Map<String, Object> result(String id, List<SalesforceError> errors) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (id != null) {
            json.put("id", id);
        }
        json.put("success", errors.isEmpty());
        json.put("errors", errors.stream().map(SalesforceError::asRecordError).toList());
        return json;
    }
}
