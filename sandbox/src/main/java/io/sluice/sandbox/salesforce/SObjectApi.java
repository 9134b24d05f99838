package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.salesforce.RecordStore.DeleteResult;
import io.sluice.sandbox.salesforce.RecordStore.UpsertResult;
import io.sluice.sandbox.salesforce.SObjectSchema.FieldKind;
import io.sluice.sandbox.salesforce.SObjectSchema.FieldSpec;
import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * The sObject resources the sandbox serves. Problems with the request as a whole (its shape, its size, a field
 * the object doesn't have) refuse the whole request, as in Salesforce; problems with a record's values only fail
 * that record.
 */
final class SObjectApi {

    record ApiResponse(int status, Object body) {
    }

    private static final int MAX_COLLECTION_SIZE = 200;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final RecordStore store;
    private final ObjectMapper mapper;

    SObjectApi(RecordStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    ApiResponse collectionsUpsert(String objectName, String externalIdFieldName, byte[] body) {
        SObjectType type = knownType(objectName);
        String externalIdField = externalIdField(type, externalIdFieldName);
        JsonNode request = parseObject(body);
        rejectUnexpectedParameters(request);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (JsonNode record : records(request)) {
            changes.add(changes(type, record, true));
        }
        List<UpsertResult> results = store.upsert(type, externalIdField, changes, allOrNone(request));
        return new ApiResponse(200, results.stream().map(UpsertResult::toJson).toList());
    }

    /** sObject Collections create: records of any types, each naming its type in {@code attributes}. */
    ApiResponse collectionsCreate(byte[] body) {
        JsonNode request = parseObject(body);
        rejectUnexpectedParameters(request);
        List<Map.Entry<SObjectType, Map<String, Object>>> records = new ArrayList<>();
        for (JsonNode record : records(request)) {
            String typeName = record.path("attributes").path("type").asText("");
            if (typeName.isBlank()) {
                throw RequestRejected.badRequest("INVALID_TYPE", "Must send a concrete entity type.");
            }
            SObjectType type = SObjectSchema.find(typeName).orElseThrow(() -> RequestRejected.badRequest(
                    "INVALID_TYPE", "sObject type '" + typeName + "' is not supported."));
            records.add(Map.entry(type, changes(type, record, true)));
        }
        List<RecordStore.CreateResult> results = store.create(records, allOrNone(request));
        return new ApiResponse(200, results.stream().map(RecordStore.CreateResult::toJson).toList());
    }

    ApiResponse query(String apiVersion, Map<String, String> query) {
        return SoqlQuery.run(store, apiVersion, query.get("q"));
    }

    ApiResponse collectionsDelete(Map<String, String> query) {
        List<String> ids = Arrays.stream(query.getOrDefault("ids", "").split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .toList();
        if (ids.isEmpty()) {
            throw RequestRejected.badRequest("MISSING_ARGUMENT", "ids parameter is required");
        }
        if (ids.size() > MAX_COLLECTION_SIZE) {
            throw tooManyRecords();
        }
        boolean allOrNone = Boolean.parseBoolean(query.getOrDefault("allOrNone", "false"));
        List<DeleteResult> results = store.delete(ids, allOrNone);
        return new ApiResponse(200, results.stream().map(DeleteResult::toJson).toList());
    }

    ApiResponse singleUpsert(String apiVersion, String objectName, String externalIdFieldName,
                             String externalIdValue, byte[] body) {
        SObjectType type = knownType(objectName);
        String externalIdField = externalIdField(type, externalIdFieldName);
        Map<String, Object> changes = changes(type, parseObject(body), false);
        changes.put(externalIdField, externalIdValue);

        List<String> matches = store.idsMatching(type, externalIdField, externalIdValue);
        if (matches.size() > 1) {
            return new ApiResponse(300, matches.stream()
                    .map(id -> "/services/data/" + apiVersion + "/sobjects/" + type.name() + "/" + id)
                    .toList());
        }
        UpsertResult result = store.upsert(type, externalIdField, List.of(changes), false).get(0);
        if (!result.success()) {
            return new ApiResponse(400, result.errors().stream().map(SalesforceError::asRequestError).toList());
        }
        return new ApiResponse(result.created() ? 201 : 200, result.toJson());
    }

    /** Salesforce's parser refuses unknown keys, which catches a misspelt {@code allOrNone}. */
    private static void rejectUnexpectedParameters(JsonNode request) {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("allOrNone") && !name.equals("records")) {
                throw RequestRejected.jsonParserError(
                        "Unexpected parameter encountered during deserialization: " + name);
            }
        }
    }

    private static boolean allOrNone(JsonNode request) {
        JsonNode allOrNone = request.path("allOrNone");
        if (!allOrNone.isMissingNode() && !allOrNone.isBoolean()) {
            throw RequestRejected.jsonParserError("Cannot deserialize instance of boolean from " + allOrNone);
        }
        return allOrNone.asBoolean(false);
    }

    private static JsonNode records(JsonNode request) {
        JsonNode records = request.path("records");
        if (!records.isArray()) {
            throw RequestRejected.jsonParserError("records must be an array of sObjects");
        }
        if (records.size() > MAX_COLLECTION_SIZE) {
            throw tooManyRecords();
        }
        return records;
    }

    private static SObjectType knownType(String objectName) {
        return SObjectSchema.find(objectName).orElseThrow(() -> new RequestRejected(404, SalesforceError.notFound()));
    }

    private static String externalIdField(SObjectType type, String fieldName) {
        FieldSpec field = type.field(fieldName).orElseThrow(() -> new RequestRejected(404, SalesforceError.of(
                "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + fieldName)));
        if (!field.idLookup()) {
            throw RequestRejected.badRequest("INVALID_FIELD", "Field name provided, " + field.name()
                    + " is not an External ID or indexed field for " + type.name());
        }
        return field.name();
    }

    /** The fields one record sets, by canonical name; Salesforce stores an empty string as no value. */
    private Map<String, Object> changes(SObjectType type, JsonNode record, boolean typeRequired) {
        if (!record.isObject()) {
            throw RequestRejected.jsonParserError("Cannot deserialize instance of SObject from " + record);
        }
        String declaredType = record.path("attributes").path("type").asText("");
        if (declaredType.isBlank() && typeRequired) {
            throw RequestRejected.badRequest("INVALID_TYPE", "Must send a concrete entity type.");
        }
        if (!declaredType.isBlank() && !declaredType.equalsIgnoreCase(type.name())) {
            throw RequestRejected.badRequest("INVALID_TYPE", "Record of type " + declaredType
                    + " is not allowed in a request for " + type.name() + ": all records must be of that type");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equals("attributes")) {
                continue;
            }
            FieldSpec field = type.field(entry.getKey()).orElseThrow(() -> RequestRejected.badRequest("INVALID_FIELD",
                    "No such column '" + entry.getKey() + "' on sobject of type " + type.name()));
            changes.put(field.name(), scalar(field, entry.getValue()));
        }
        return changes;
    }

    private Object scalar(FieldSpec field, JsonNode value) {
        if (value.isContainerNode()) {
            throw RequestRejected.jsonParserError("Cannot deserialize instance of " + field.name()
                    + " from " + (value.isArray() ? "START_ARRAY" : "START_OBJECT") + " value");
        }
        if (value.isTextual() && value.textValue().isEmpty()) {
            return null;
        }
        if (!value.isNull() && !readableAs(field.kind(), value)) {
            throw RequestRejected.jsonParserError("Cannot deserialize instance of "
                    + field.kind().name().toLowerCase(Locale.ROOT) + " from " + value.asToken() + " value "
                    + value.asText() + " or request may be missing a required field");
        }
        try {
            return mapper.treeToValue(value, Object.class);
        } catch (JsonProcessingException e) {
            throw parserError(e);
        }
    }

    /** Salesforce's parser also reads a number or a boolean written as text ("42", "true"), nothing else. */
    private static boolean readableAs(FieldKind kind, JsonNode value) {
        String text = value.asText();
        return switch (kind) {
            case NUMBER -> value.isNumber() || value.isTextual() && NUMBER.matcher(text).matches();
            case BOOLEAN -> value.isBoolean() || value.isTextual() && (text.equals("true") || text.equals("false"));
            case DATE -> value.isTextual() && DATE.matcher(text).matches();
            case TEXT, EMAIL, OTHER -> true;
        };
    }

    private JsonNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw parserError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!root.isObject()) {
            throw RequestRejected.jsonParserError("The request body must be a JSON object");
        }
        return root;
    }

    /** Worded like Salesforce's own parser errors: the problem, then where it is. */
    private static RequestRejected parserError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at [line:" + at.getLineNr() + ", column:" + at.getColumnNr() + "]";
        return RequestRejected.jsonParserError(e.getOriginalMessage() + where);
    }

    private static RequestRejected tooManyRecords() {
        return RequestRejected.badRequest("EXCEEDED_ID_LIMIT",
                "record limit reached. cannot submit more than " + MAX_COLLECTION_SIZE + " records into this call");
    }
}
