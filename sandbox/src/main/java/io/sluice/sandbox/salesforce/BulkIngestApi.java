package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.sluice.sandbox.salesforce.IngestJob.State;
import io.sluice.sandbox.salesforce.RecordStore.DeleteResult;
import io.sluice.sandbox.salesforce.RecordStore.UpsertResult;
import io.sluice.sandbox.salesforce.SObjectApi.ApiResponse;
import io.sluice.sandbox.salesforce.SObjectSchema.FieldKind;
import io.sluice.sandbox.salesforce.SObjectSchema.FieldSpec;
import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * Bulk API 2.0 ingest ({@code /jobs/ingest}): create a job, upload its CSV once, close it, poll it, read its
 * successful, failed and unprocessed records. The sandbox knows {@code upsert} (by an external id field) and
 * {@code delete} (by {@code Id}). A closed job reports {@code InProgress} to the first poll and is processed at the
 * next, in Salesforce's internal batches of 10,000 rows, with the same per-record checks as the REST API; a field
 * the object does not have fails the whole job. {@link #hold} keeps closed jobs in progress until released.
 */
final class BulkIngestApi {

    /** A body written in CSV rather than JSON. */
    record CsvBody(String text) {
    }

    /** One upload may hold at most 150 MB once base64-encoded, as Salesforce counts it. */
    static final long MAX_UPLOAD_BASE64_BYTES = 150L * 1024 * 1024;
    /**
     * Salesforce divides a job into internal batches of 10,000 rows. (It saves each in transactions of 200; the
     * sandbox saves a batch at once, which differs only in how far a duplicate external id is noticed.)
     */
    private static final int CHUNK = 10_000;
    /** In a CSV cell, this sets a field to null; an empty cell leaves it as it is. */
    private static final String NULL_VALUE = "#N/A";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final RecordStore store;
    private final ObjectMapper json;
    private final Clock clock;
    private final CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    private final Map<String, IngestJob> jobs = new LinkedHashMap<>();
    private long sequence;
    private boolean holding;

    BulkIngestApi(RecordStore store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    synchronized ApiResponse create(String apiVersion, byte[] body) {
        JsonNode request = readJson(body);
        String objectName = request.path("object").asText("");
        SObjectType type = SObjectSchema.find(objectName)
                .orElseThrow(() -> invalidJob("Unable to find object: " + objectName));
        String operation = request.path("operation").asText("");
        String externalIdField = null;
        if (operation.equals("upsert")) {
            String fieldName = request.path("externalIdFieldName").asText("");
            if (fieldName.isBlank()) {
                throw invalidJob("External ID was blank for " + type.name()
                        + ". An External ID must be specified for upsert.");
            }
            FieldSpec field = type.field(fieldName).filter(FieldSpec::idLookup).orElseThrow(() -> invalidJob(
                    "Field name provided, " + fieldName + " is not an External ID or indexed field for " + type.name()));
            externalIdField = field.name();
        } else if (!operation.equals("delete")) {
            throw invalidJob("The sandbox runs upsert and delete jobs, not '" + operation + "'");
        }
        if (!request.path("contentType").asText("CSV").equals("CSV")
                || !request.path("columnDelimiter").asText("COMMA").equals("COMMA")) {
            throw invalidJob("The sandbox reads comma-separated CSV only");
        }
        String id = SalesforceIds.newId("750", ++sequence);
        IngestJob job = new IngestJob(id, type, operation, externalIdField, apiVersion, clock.instant());
        jobs.put(id, job);
        return new ApiResponse(200, job.info());
    }

    synchronized ApiResponse upload(String jobId, byte[] body) {
        IngestJob job = job(jobId);
        if (job.state != State.OPEN) {
            throw RequestRejected.badRequest("INVALIDJOBSTATE", "Job is not in Open state: " + job.state.wire);
        }
        if (job.data != null) {
            throw RequestRejected.badRequest("BULK_API_ERROR", "Found multiple contents for job: <" + jobId
                    + ">, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure"
                    + " you only do 'PUT' once on a given Job.");
        }
        if ((body.length + 2L) / 3 * 4 > MAX_UPLOAD_BASE64_BYTES) {
            throw RequestRejected.badRequest("BULK_API_ERROR",
                    "Upload exceeds the maximum of 150 MB of base64 encoded content");
        }
        job.data = body;
        return new ApiResponse(201, null);
    }

    synchronized ApiResponse changeState(String jobId, byte[] body) {
        IngestJob job = job(jobId);
        String wanted = readJson(body).path("state").asText("");
        if (wanted.equals(State.UPLOAD_COMPLETE.wire) && job.state == State.OPEN) {
            job.state = State.UPLOAD_COMPLETE;
        } else if (wanted.equals(State.ABORTED.wire) && !job.state.terminal()) {
            job.state = State.ABORTED;
        } else {
            throw RequestRejected.badRequest("INVALIDJOBSTATE",
                    "Cannot change the state of a job in state " + job.state.wire + " to " + wanted);
        }
        return new ApiResponse(200, job.info());
    }

    /** A poll: a closed job goes in progress, then is processed at the next poll unless jobs are held. */
    synchronized ApiResponse info(String jobId) {
        IngestJob job = job(jobId);
        if (job.state == State.IN_PROGRESS && !holding) {
            process(job);
        } else if (job.state == State.UPLOAD_COMPLETE) {
            job.state = State.IN_PROGRESS;
        }
        return new ApiResponse(200, job.info());
    }

    synchronized ApiResponse successfulResults(String jobId) {
        IngestJob job = finished(jobId);
        return csv(resultColumns("sf__Created", job), job.successful);
    }

    synchronized ApiResponse failedResults(String jobId) {
        IngestJob job = finished(jobId);
        return csv(resultColumns("sf__Error", job), job.failed);
    }

    /** Rows a failed or aborted job never got to: the upload as it came, when the job was not processed. */
    synchronized ApiResponse unprocessedRecords(String jobId) {
        IngestJob job = finished(jobId);
        boolean processed = !job.successful.isEmpty() || !job.failed.isEmpty();
        if (processed || job.data == null) {
            return csv(job.columns, List.of());
        }
        return new ApiResponse(200, new CsvBody(new String(job.data, StandardCharsets.UTF_8)));
    }

    synchronized ApiResponse delete(String jobId) {
        IngestJob job = job(jobId);
        if (!job.state.terminal()) {
            throw RequestRejected.badRequest("INVALIDJOBSTATE", "Only a job in a terminal state can be deleted");
        }
        jobs.remove(jobId);
        return new ApiResponse(204, null);
    }

    synchronized void hold(boolean hold) {
        holding = hold;
    }

    /** Stops holding and processes every closed job still in progress, polled or not. */
    synchronized int finishClosedJobs() {
        holding = false;
        List<IngestJob> closed = jobs.values().stream()
                .filter(job -> job.state == State.UPLOAD_COMPLETE || job.state == State.IN_PROGRESS).toList();
        closed.forEach(this::process);
        return closed.size();
    }

    synchronized void clear() {
        jobs.clear();
        holding = false;
    }

    /** Data rows of an upload, for the traffic log. */
    int rowCount(byte[] body) {
        try {
            return Math.max(0, rows(body).size() - 1);
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private void process(IngestJob job) {
        List<List<String>> rows = job.data == null ? List.of() : rows(job.data);
        job.columns = rows.isEmpty() ? List.of() : rows.get(0);
        List<Map<String, String>> uploaded = new ArrayList<>();
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int column = 0; column < job.columns.size(); column++) {
                cells.put(job.columns.get(column), column < row.size() ? row.get(column) : "");
            }
            uploaded.add(cells);
        }
        Optional<String> unknownColumn = job.operation.equals("delete")
                ? job.columns.stream().filter(column -> !column.equalsIgnoreCase("Id")).findFirst()
                : job.columns.stream().filter(column -> job.type.field(column).isEmpty()).findFirst();
        if (unknownColumn.isPresent() || job.columns.isEmpty()) {
            job.state = State.FAILED;
            job.errorMessage = "InvalidBatch : Field name not found : " + unknownColumn.orElse("(no header)");
            return;
        }
        for (int start = 0; start < uploaded.size(); start += CHUNK) {
            List<Map<String, String>> chunk = uploaded.subList(start, Math.min(uploaded.size(), start + CHUNK));
            if (job.operation.equals("delete")) {
                deleteChunk(job, chunk);
            } else {
                upsertChunk(job, chunk);
            }
        }
        job.state = State.JOB_COMPLETE;
    }

    private void upsertChunk(IngestJob job, List<Map<String, String>> chunk) {
        List<Map<String, Object>> changes = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            Optional<SalesforceError> unreadable = readCells(job, chunk.get(i), fields);
            if (unreadable.isPresent()) {
                job.failed.add(failedRow("", unreadable.get(), chunk.get(i)));
            } else {
                changes.add(fields);
                sent.add(i);
            }
        }
        List<UpsertResult> results = store.upsert(job.type, job.externalIdField, changes, false);
        for (int i = 0; i < results.size(); i++) {
            UpsertResult result = results.get(i);
            Map<String, String> row = chunk.get(sent.get(i));
            if (result.success()) {
                job.successful.add(successRow(result.id(), result.created(), row));
            } else {
                job.failed.add(failedRow("", result.errors().get(0), row));
            }
        }
    }

    private void deleteChunk(IngestJob job, List<Map<String, String>> chunk) {
        List<String> ids = chunk.stream().map(row -> cell(row, "Id")).toList();
        List<DeleteResult> results = store.delete(ids, false);
        for (int i = 0; i < results.size(); i++) {
            DeleteResult result = results.get(i);
            if (result.errors().isEmpty()) {
                job.successful.add(successRow(result.id(), false, chunk.get(i)));
            } else {
                job.failed.add(failedRow(ids.get(i), result.errors().get(0), chunk.get(i)));
            }
        }
    }

    /** The row's fields by canonical name; a value the field's type cannot hold fails the row. */
    private Optional<SalesforceError> readCells(IngestJob job, Map<String, String> row, Map<String, Object> fields) {
        int column = 0;
        for (Map.Entry<String, String> cell : row.entrySet()) {
            column++;
            FieldSpec field = job.type.field(cell.getKey()).orElseThrow();
            String text = cell.getValue();
            if (text.isEmpty()) {
                continue;
            }
            if (text.equals(NULL_VALUE)) {
                fields.put(field.name(), null);
                continue;
            }
            Optional<String> xsdType = unreadableAs(field.kind(), text);
            if (xsdType.isPresent()) {
                return Optional.of(SalesforceError.of("INVALID_FIELD", "Failed to deserialize field at col " + column
                        + ". Due to, '" + text + "' is not a valid value for the type " + xsdType.get(), field.name()));
            }
            fields.put(field.name(), value(field.kind(), text));
        }
        return Optional.empty();
    }

    private static Optional<String> unreadableAs(FieldKind kind, String text) {
        return switch (kind) {
            case NUMBER -> NUMBER.matcher(text).matches() ? Optional.empty() : Optional.of("xsd:double");
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? Optional.empty() : Optional.of("xsd:boolean");
            case DATE -> DATE.matcher(text).matches() ? Optional.empty() : Optional.of("xsd:date");
            case TEXT, EMAIL, OTHER -> Optional.empty();
        };
    }

    private Object value(FieldKind kind, String text) {
        try {
            return switch (kind) {
                case NUMBER -> json.readValue(text, Object.class);
                case BOOLEAN -> Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
                default -> text;
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> successRow(String id, boolean created, Map<String, String> row) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("sf__Id", id);
        result.put("sf__Created", String.valueOf(created));
        result.putAll(row);
        return result;
    }

    /** Salesforce writes a failed row's error as {@code CODE:message:fields --}. */
    private static Map<String, String> failedRow(String id, SalesforceError error, Map<String, String> row) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("sf__Id", id);
        result.put("sf__Error", error.code() + ":" + error.message() + ":" + String.join(",", error.fields()) + " --");
        result.putAll(row);
        return result;
    }

    private static List<String> resultColumns(String second, IngestJob job) {
        List<String> columns = new ArrayList<>(List.of("sf__Id", second));
        columns.addAll(job.columns);
        return columns;
    }

    private ApiResponse csv(List<String> columns, List<Map<String, String>> rows) {
        List<List<String>> table = new ArrayList<>();
        table.add(columns);
        rows.forEach(row -> table.add(columns.stream().map(column -> row.getOrDefault(column, "")).toList()));
        try {
            return new ApiResponse(200, new CsvBody(csv.writeValueAsString(table)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> rows(byte[] body) {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> reader = csv.readerForListOf(String.class).readValues(body)) {
            reader.forEachRemaining(rows::add);
        } catch (IOException e) {
            throw RequestRejected.badRequest("INVALIDCSV", "The CSV could not be read: " + e.getMessage());
        }
        return rows;
    }

    private static String cell(Map<String, String> row, String column) {
        return row.entrySet().stream().filter(cell -> cell.getKey().equalsIgnoreCase(column))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    private IngestJob job(String jobId) {
        IngestJob job = jobs.get(jobId);
        if (job == null) {
            throw new RequestRejected(404, SalesforceError.notFound());
        }
        return job;
    }

    private IngestJob finished(String jobId) {
        IngestJob job = job(jobId);
        if (!job.state.terminal()) {
            throw RequestRejected.badRequest("INVALIDJOBSTATE", "Job " + jobId + " is not finished: " + job.state.wire);
        }
        return job;
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw RequestRejected.jsonParserError("The request body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw RequestRejected.jsonParserError(e.getMessage());
        }
    }

    private static RequestRejected invalidJob(String message) {
        return RequestRejected.badRequest("INVALIDJOB", message);
    }
}
