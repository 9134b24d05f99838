package io.sluice.destinations.salesforce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ColumnDelimiterEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;

/**
 * The steps of a Bulk API 2.0 ingest job, for {@link SalesforceBulkRoutes}: a batch becomes one CSV upload per job
 * (upsert by the sync's external id field, or delete by {@code Id}), and the job's successful and failed result
 * CSVs become one {@link RecordOutcome} per record, as an sObject Collections answer would.
 */
@Component
class SalesforceBulk {

    /**
     * An upload may hold 150 MB once Salesforce has base64-encoded it, some 100 MB of CSV as sent; a job whose CSV
     * would be larger is split.
     */
    static final int MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
    /** In a Bulk CSV an empty cell leaves a field as it is; this clears it, as a JSON null does. */
    private static final String NULL_VALUE = "#N/A";
    private static final String ID_COLUMN = "Id";

    private final CsvMapper csv = new CsvMapper();
    private final ProducerTemplate producer;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration jobTimeout;
    private final int maxUploadBytes;

    @Autowired
    SalesforceBulk(ProducerTemplate producer, Clock clock, SalesforceProperties properties) {
        this(producer, clock, properties, MAX_UPLOAD_BYTES);
    }

    SalesforceBulk(ProducerTemplate producer, Clock clock, SalesforceProperties properties, int maxUploadBytes) {
        this.producer = producer;
        this.clock = clock;
        this.pollInterval = properties.bulkPollInterval();
        this.jobTimeout = properties.bulkJobTimeout();
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The batch as jobs: usually one; more when its CSV would pass the upload limit. */
    List<BulkJob> jobs(DeliveryBatch batch) throws IOException {
        boolean delete = batch.operation() == DeliveryBatch.Operation.DELETE;
        List<String> columns = delete ? List.of(ID_COLUMN) : columns(batch);
        String keyColumn = delete ? ID_COLUMN : columns.stream()
                .filter(column -> column.equalsIgnoreCase(batch.sync().externalIdField())).findFirst().orElse(null);
        byte[] header = row(columns);

        List<BulkJob> jobs = new ArrayList<>();
        ByteArrayOutputStream upload = new ByteArrayOutputStream();
        List<String> sentKeys = new ArrayList<>();
        List<RecordOutcome> refused = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < batch.records().size(); i++) {
            OutboundRecord record = batch.records().get(i);
            String key = delete ? record.destinationId() : keyColumn == null ? null
                    : cell(record.payload().get(keyColumn));
            if (key == null || key.isEmpty() || key.equals(NULL_VALUE)) {
                // Salesforce's own answer for a row without the value it matches on, without sending the row
                sentKeys.add(null);
                refused.add(RecordOutcome.rejected("MISSING_ARGUMENT",
                        (delete ? ID_COLUMN : batch.sync().externalIdField()) + " not specified"));
                continue;
            }
            byte[] row = delete ? row(List.of(key)) : row(columns.stream()
                    .map(column -> cell(record.payload().get(column))).toList());
            if (upload.size() > 0 && upload.size() + row.length > maxUploadBytes) {
                jobs.add(new BulkJob(batch.records().subList(first, i), upload.toByteArray(), keyColumn, sentKeys,
                        refused));
                upload = new ByteArrayOutputStream();
                sentKeys = new ArrayList<>();
                refused = new ArrayList<>();
                first = i;
            }
            if (upload.size() == 0) {
                upload.write(header);
            }
            upload.write(row);
            sentKeys.add(key);
            refused.add(null);
        }
        jobs.add(new BulkJob(batch.records().subList(first, batch.records().size()), upload.toByteArray(), keyColumn,
                sentKeys, refused));
        return jobs;
    }

    /**
     * Sends the batch on the exchange as Bulk jobs and answers one outcome per record, in batch order. The calls of
     * a job follow one another on the delivery thread, each through the throttled call route; polling waits on
     * that thread, which delivers nothing else meanwhile.
     */
    void deliver(Exchange exchange) throws IOException, InterruptedException {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        List<RecordOutcome> outcomes = new ArrayList<>(batch.records().size());
        for (BulkJob job : jobs(batch)) {
            if (job.sendsAnything()) {
                run(job, batch);
            }
            outcomes.addAll(job.outcomes());
        }
        exchange.getMessage().setBody(outcomes);
    }

    private void run(BulkJob job, DeliveryBatch batch) throws IOException, InterruptedException {
        String org = SalesforceConnections.callEndpoint(batch);
        job.id = call(org, "bulk2CreateJob", jobRequest(batch), null, Job.class).getId();
        call(org, "bulk2CreateBatch", job.csv, job.id, Object.class);
        Instant closed = clock.instant();
        observe(job, call(org, "bulk2CloseJob", null, job.id, Job.class), closed);
        while (!job.finished()) {
            Thread.sleep(pollInterval.toMillis());
            observe(job, call(org, "bulk2GetJob", null, job.id, Job.class), closed);
        }
        readResults(call(org, "bulk2GetSuccessfulResults", null, job.id, InputStream.class), row -> job.answer(
                row.get(job.keyColumn),
                RecordOutcome.accepted(row.get("sf__Id"), Boolean.parseBoolean(row.get("sf__Created")))));
        readResults(call(org, "bulk2GetFailedResults", null, job.id, InputStream.class),
                row -> job.answer(row.get(job.keyColumn),
                        SalesforceCollections.deleteDone(batch.operation(), refusal(row.get("sf__Error")))));
    }

    private static Job jobRequest(DeliveryBatch batch) {
        Job job = new Job();
        job.setObject(batch.sync().object());
        job.setContentType(ContentTypeEnum.CSV);
        job.setLineEnding(LineEndingEnum.LF);
        job.setColumnDelimiter(ColumnDelimiterEnum.COMMA);
        if (batch.operation() == DeliveryBatch.Operation.DELETE) {
            job.setOperation(OperationEnum.DELETE);
        } else {
            job.setOperation(OperationEnum.UPSERT);
            job.setExternalIdFieldName(batch.sync().externalIdField());
        }
        return job;
    }

    /** A job that takes longer than its timeout counts as a transient failure. */
    private void observe(BulkJob job, Job reported, Instant closed) {
        job.state = reported.getState();
        job.errorMessage = reported.getErrorMessage();
        if (!job.finished() && Duration.between(closed, clock.instant()).compareTo(jobTimeout) > 0) {
            throw new DeliveryException(true, "BULK_JOB_TIMEOUT", "Salesforce's Bulk job " + job.id
                    + " is still " + job.state + " after " + jobTimeout, null);
        }
    }

    /** One camel-salesforce operation through the org's throttled call route; its failure is thrown as it came. */
    private <T> T call(String org, String operation, Object body, String jobId, Class<T> answerType) {
        Exchange answer = producer.send(org, exchange -> {
            exchange.setProperty(SalesforceRoutes.OPERATION, operation);
            exchange.getMessage().setBody(body);
            if (jobId != null) {
                exchange.getMessage().setHeader(SalesforceEndpointConfig.JOB_ID, jobId);
            }
        });
        if (answer.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (answer.getException() != null) {
            throw new DeliveryException(true, answer.getException().getClass().getSimpleName(),
                    answer.getException().getMessage(), answer.getException());
        }
        return answer.getMessage().getBody(answerType);
    }

    /** Salesforce writes a row's error as {@code CODE:message:fields --}. */
    static RecordOutcome refusal(String error) {
        String text = error == null ? "" : error.strip();
        if (text.endsWith("--")) {
            text = text.substring(0, text.length() - 2).strip();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return RecordOutcome.rejected("UNKNOWN_ERROR", text.isEmpty() ? "rejected without a message" : text);
        }
        String message = text.substring(colon + 1);
        if (message.endsWith(":")) {
            message = message.substring(0, message.length() - 1);
        }
        return RecordOutcome.rejected(text.substring(0, colon), message);
    }

    /** A results CSV ({@code sf__Id}, {@code sf__Created} or {@code sf__Error}, then the row as sent), row by row. */
    private void readResults(InputStream results, Consumer<Map<String, String>> answer) throws IOException {
        try (InputStream body = results;
             MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            rows.forEachRemaining(answer);
        }
    }

    /** Every field any record of the batch sets, in mapping order. */
    private static List<String> columns(DeliveryBatch batch) {
        Set<String> columns = new LinkedHashSet<>();
        batch.records().forEach(record -> columns.addAll(record.payload().keySet()));
        return List.copyOf(columns);
    }

    private byte[] row(List<String> cells) throws IOException {
        return csv.writeValueAsString(cells.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8);
    }

    /** A payload value as a CSV cell: what the JSON of a collections call would say, in Bulk's spelling. */
    private static String cell(Object value) {
        Object salesforce = SalesforceCollections.salesforceValue(value);
        if (salesforce == null || salesforce.equals("")) {
            return NULL_VALUE;
        }
        if (salesforce instanceof Double || salesforce instanceof Float) {
            return BigDecimal.valueOf(((Number) salesforce).doubleValue()).toPlainString();
        }
        return String.valueOf(salesforce);
    }
}
