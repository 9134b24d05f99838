package io.sluice.sandbox.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * One Bulk API 2.0 ingest job: what it was created for, the CSV uploaded to it, its state, and once processed its
 * per-row results. Guarded by the {@link BulkIngestApi} that owns it.
 */
final class IngestJob {

    /** The states Salesforce reports, spelt as it spells them. */
    enum State {
        OPEN("Open"), UPLOAD_COMPLETE("UploadComplete"), IN_PROGRESS("InProgress"), JOB_COMPLETE("JobComplete"),
        FAILED("Failed"), ABORTED("Aborted");

        final String wire;

        State(String wire) {
            this.wire = wire;
        }

        boolean terminal() {
            return this == JOB_COMPLETE || this == FAILED || this == ABORTED;
        }
    }

    private static final DateTimeFormatter SALESFORCE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    final String id;
    final SObjectType type;
    final String operation;
    final String externalIdField;
    final String apiVersion;
    final Instant created;
    State state = State.OPEN;
    byte[] data;
    String errorMessage;
    /** Rows of the results CSVs: the sf__ columns first, then the row as uploaded. */
    final List<Map<String, String>> successful = new ArrayList<>();
    final List<Map<String, String>> failed = new ArrayList<>();
    List<String> columns = List.of();

    IngestJob(String id, SObjectType type, String operation, String externalIdField, String apiVersion,
              Instant created) {
        this.id = id;
        this.type = type;
        this.operation = operation;
        this.externalIdField = externalIdField;
        this.apiVersion = apiVersion;
        this.created = created;
    }

    /** The job info resource, as {@code GET /jobs/ingest/{id}} and the state changes answer it. */
    Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("operation", operation);
        info.put("object", type.name());
        info.put("createdById", OAuthEndpoint.USER_ID);
        info.put("createdDate", SALESFORCE_TIME.format(created));
        info.put("systemModstamp", SALESFORCE_TIME.format(created));
        info.put("state", state.wire);
        if (externalIdField != null) {
            info.put("externalIdFieldName", externalIdField);
        }
        info.put("concurrencyMode", "Parallel");
        info.put("contentType", "CSV");
        info.put("apiVersion", Double.parseDouble(apiVersion.substring(1)));
        info.put("jobType", "V2Ingest");
        info.put("contentUrl", "services/data/" + apiVersion + "/jobs/ingest/" + id + "/batches");
        info.put("lineEnding", "LF");
        info.put("columnDelimiter", "COMMA");
        if (state.terminal()) {
            info.put("numberRecordsProcessed", successful.size() + failed.size());
            info.put("numberRecordsFailed", failed.size());
            info.put("retries", 0);
            info.put("totalProcessingTime", 0);
            info.put("apiActiveProcessingTime", 0);
            info.put("apexProcessingTime", 0);
        }
        if (errorMessage != null) {
            info.put("errorMessage", errorMessage);
        }
        return info;
    }
}
