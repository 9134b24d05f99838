package io.sluice.destinations.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.util.ObjectHelper;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;

/**
 * Request and response shapes of Salesforce's sObject Collections API, and which of its errors are
 * worth retrying.
 */
@Component
class SalesforceCollections {

    private static final String IDS_HEADER = "ids";
    private static final String ALL_OR_NONE_HEADER = "allOrNone";
    private static final String QUERY_HEADER = "q";

    private final CamelContext camel;
    private final ObjectMapper json;

    SalesforceCollections(CamelContext camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    void prepareUpsert(Exchange exchange) throws IOException {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        String object = batch.sync().object();
        List<Map<String, Object>> records = new ArrayList<>(batch.records().size());
        for (OutboundRecord record : batch.records()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("attributes", Map.of("type", object));
            record.payload().forEach((field, value) -> fields.put(field, salesforceValue(value)));
            records.add(fields);
        }
        // allOrNone false: one bad record must not hold back the other 199
        Map<String, Object> request = Map.of("allOrNone", false, "records", records);
        exchange.getMessage().setBody(json.writeValueAsString(request));
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_PATH,
                dataPath(batch) + "/composite/sobjects/" + object + "/" + batch.sync().externalIdField());
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_METHOD, "PATCH");
        exchange.getMessage().removeHeader(SalesforceEndpointConfig.RAW_QUERY_PARAMETERS);
    }

    void prepareDelete(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(IDS_HEADER,
                batch.records().stream().map(OutboundRecord::destinationId).collect(Collectors.joining(",")));
        exchange.getMessage().setHeader(ALL_OR_NONE_HEADER, "false");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_PATH, dataPath(batch) + "/composite/sobjects");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_METHOD, "DELETE");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_QUERY_PARAMETERS,
                IDS_HEADER + "," + ALL_OR_NONE_HEADER);
    }

    /** A SOQL query in the batch's org, as the next call to its call route makes it. */
    void prepareQuery(Exchange exchange, DeliveryBatch batch, String soql) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(QUERY_HEADER, soql);
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_PATH, dataPath(batch) + "/query");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_METHOD, "GET");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_QUERY_PARAMETERS, QUERY_HEADER);
    }

    /**
     * The records a query answered, all on its first page: a batch's query asks for at most one collections call's
     * records, so a second page means duplicates beyond repair here.
     */
    JsonNode queried(Exchange exchange) throws IOException {
        JsonNode answer;
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            answer = json.readTree(body);
        }
        if (answer == null || !answer.path("records").isArray()) {
            throw new DeliveryException(false, "UNEXPECTED_RESPONSE",
                    "Salesforce answered a query without records: " + answer, null);
        }
        if (!answer.path("done").asBoolean(true)) {
            throw new DeliveryException(false, "TOO_MANY_MATCHES", "Salesforce found more records than one page of "
                    + "a query holds for " + answer.path("totalSize") + " values looked up", null);
        }
        return answer.path("records");
    }

    /** The collections response: one result per record, in request order. */
    void readResults(Exchange exchange) throws IOException {
        JsonNode results;
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            results = json.readTree(body);
        }
        if (results == null || !results.isArray()) {
            throw new DeliveryException(false, "UNEXPECTED_RESPONSE",
                    "Salesforce answered without a result array: " + results, null);
        }
        DeliveryBatch.Operation operation = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).operation();
        List<RecordOutcome> outcomes = new ArrayList<>(results.size());
        for (JsonNode result : results) {
            if (result.path("success").asBoolean(false)) {
                outcomes.add(RecordOutcome.accepted(result.path("id").asText(null), result.path("created").asBoolean()));
            } else {
                outcomes.add(deleteDone(operation, refusal(result)));
            }
        }
        exchange.getMessage().setBody(outcomes);
    }

    /** A collections result's first error, with the fields it names. */
    static RecordOutcome refusal(JsonNode result) {
        JsonNode error = result.path("errors").path(0);
        String fields = error.path("fields").isArray() && !error.path("fields").isEmpty()
                ? " " + error.path("fields") : "";
        return RecordOutcome.rejected(error.path("statusCode").asText("UNKNOWN_ERROR"),
                error.path("message").asText("rejected without a message") + fields);
    }

    /**
     * A record a delete finds already deleted is gone, as the delete wanted: the next run after one that died
     * mid-delete deletes it again, and someone may have deleted it in Salesforce meanwhile.
     */
    static RecordOutcome deleteDone(DeliveryBatch.Operation operation, RecordOutcome refused) {
        return operation == DeliveryBatch.Operation.DELETE && "ENTITY_IS_DELETED".equals(refused.errorCode())
                ? RecordOutcome.accepted(null, false) : refused;
    }

    /**
     * Outages, throttling and the daily API quota pass; a request Salesforce refuses as such (bad
     * object, bad field, too many records) will be refused again.
     */
    void rethrowClassified(Exchange exchange) {
        SalesforceException failure = ObjectHelper.getException(SalesforceException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        int status = failure.getStatusCode();
        String errorCode = errorCode(failure.getMessage());
        String message = "Salesforce answered " + (status == 0 ? "nothing" : "HTTP " + status) + ": "
                + failure.getMessage();
        // the org's rolling 24-hour quota: worth retrying later, not worth waiting hours for now
        if ("REQUEST_LIMIT_EXCEEDED".equals(errorCode)) {
            throw new DeliveryException(true, errorCode, message, failure);
        }
        // a value of the wrong type in one record: Salesforce refuses the request before reading the others
        if ("JSON_PARSER_ERROR".equals(errorCode)) {
            throw DeliveryException.refusedForOneRecord(errorCode, message, failure);
        }
        throw DeliveryException.forHttpStatus(status, errorCode, message, failure);
    }

    private String errorCode(String body) {
        if (body == null) {
            return null;
        }
        try {
            int start = body.indexOf('[');
            JsonNode errors = start < 0 ? null : json.readTree(body.substring(start));
            return errors != null && errors.isArray() ? errors.path(0).path("errorCode").asText(null) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The REST API's root in the batch's org, at its component's API version. */
    String dataPath(DeliveryBatch batch) {
        String version = camel.getComponent(SalesforceConnections.componentName(batch.sync()), SalesforceComponent.class)
                .getConfig().getApiVersion();
        return "/services/data/v" + version;
    }

    /** Multi-select picklists take their values joined with semicolons. */
    static Object salesforceValue(Object value) {
        if (value instanceof List<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(";"));
        }
        return value;
    }
}
