package io.sluice.sandbox.hubspot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.hubspot.Schema.ObjectType;

/**
 * The Lists v3 API's membership endpoints, {@code PUT /crm/v3/lists/{listId}/memberships/add} and
 * {@code .../remove}, and {@code GET /crm/v3/lists/{listId}/memberships}. The body of a change is a JSON array of
 * record ids. As in HubSpot: the list must exist (404 otherwise) and be {@code MANUAL} or {@code SNAPSHOT} (a
 * {@code DYNAMIC} list's members follow its filters, so a change is refused with 400); ids of records the list's
 * object type does not hold come back in {@code recordIdsMissing}; adding a member twice or removing a non-member
 * changes nothing. The answer spells the added ids {@code recordsIdsAdded}, HubSpot's own spelling.
 */
final class ListsApi {

    /** Records per membership change. */
    static final int MEMBERSHIP_LIMIT = 100_000;

    /** A list (HubSpot now calls them segments) and its members' record ids in the order they joined. */
    static final class CrmList {
        private final String listId;
        private final String name;
        private final ObjectType objectType;
        private final String processingType;
        private final Set<String> members = new LinkedHashSet<>();

        private CrmList(String listId, String name, ObjectType objectType, String processingType) {
            this.listId = listId;
            this.name = name;
            this.objectType = objectType;
            this.processingType = processingType;
        }

        String name() {
            return name;
        }
    }

    private final ObjectStore store;
    private final ObjectMapper mapper;
    private final Map<String, CrmList> lists = new LinkedHashMap<>();
    /** ILS list ids are numbers of their own, counted apart from record ids. */
    private long nextListId = 1;

    ListsApi(ObjectStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    synchronized String create(String name, ObjectType objectType, String processingType) {
        if (!List.of("MANUAL", "SNAPSHOT", "DYNAMIC").contains(processingType)) {
            throw new IllegalArgumentException("processingType is MANUAL, SNAPSHOT or DYNAMIC, not " + processingType);
        }
        String listId = String.valueOf(nextListId++);
        lists.put(listId, new CrmList(listId, name, objectType, processingType));
        return listId;
    }

    synchronized List<String> members(String listId) {
        CrmList list = lists.get(listId);
        if (list == null) {
            throw new IllegalArgumentException("No list with id " + listId);
        }
        return List.copyOf(list.members);
    }

    synchronized Map<String, List<String>> allMembers() {
        Map<String, List<String>> members = new LinkedHashMap<>();
        lists.forEach((id, list) -> members.put(id + " " + list.name(), List.copyOf(list.members)));
        return members;
    }

    synchronized void clear() {
        lists.clear();
        nextListId = 1;
    }

    /** {@code memberships}, {@code memberships/add} or {@code memberships/remove} of one list. */
    synchronized Answer membership(String method, String listId, String change, byte[] body) {
        CrmList list = lists.get(listId);
        if (list == null) {
            return Answer.json(404, HubSpotErrors.of("OBJECT_NOT_FOUND", "List does not exist with ID " + listId + "."));
        }
        if (change == null) {
            if (!"GET".equals(method)) {
                return methodNotAllowed(method, "GET");
            }
            List<Map<String, Object>> results = list.members.stream()
                    .map(id -> Map.<String, Object>of("recordId", id)).toList();
            return Answer.json(200, Map.of("results", results, "total", results.size()));
        }
        if (!"PUT".equals(method)) {
            return methodNotAllowed(method, "PUT");
        }
        if (!list.processingType.equals("MANUAL") && !list.processingType.equals("SNAPSHOT")) {
            throw Rejected.validation("List " + listId + " has processingType " + list.processingType
                    + ": only the memberships of MANUAL and SNAPSHOT lists can be changed");
        }
        List<String> ids = recordIds(body);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (store.get(list.objectType, id).isEmpty()) {
                missing.add(id);
            } else if (change.equals("add") ? list.members.add(id) : list.members.remove(id)) {
                (change.equals("add") ? added : removed).add(id);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("recordIdsMissing", missing);
        answer.put("recordIdsRemoved", removed);
        answer.put("recordsIdsAdded", added);
        return Answer.json(200, answer);
    }

    private List<String> recordIds(byte[] body) {
        JsonNode ids;
        try {
            ids = mapper.readTree(body);
        } catch (IOException e) {
            throw Rejected.validation("Invalid input JSON: " + e.getMessage());
        }
        if (ids == null || !ids.isArray()) {
            throw Rejected.validation("Invalid input JSON: the body must be an array of record ids");
        }
        if (ids.size() > MEMBERSHIP_LIMIT) {
            throw Rejected.validation("At most " + MEMBERSHIP_LIMIT + " records can be added or removed per request; "
                    + "got " + ids.size());
        }
        List<String> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isValueNode() || !id.asText().matches("\\d+")) {
                throw Rejected.validation("Invalid input JSON: record ids are numbers, not " + id);
            }
            list.add(id.asText());
        }
        return list;
    }

    private static Answer methodNotAllowed(String method, String allowed) {
        return Answer.json(405, HubSpotErrors.of("METHOD_NOT_ALLOWED",
                "HTTP " + method + " is not supported by this endpoint; use " + allowed));
    }
}
