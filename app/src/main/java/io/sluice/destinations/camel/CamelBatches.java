package io.sluice.destinations.camel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;

/**
 * Sends each batch of a {@code camel} sync to its endpoint as one exchange, and reads its answer.
 *
 * <p>What the endpoint receives: a body that is the list of the batch's records, each a map of {@code key},
 * {@code operation} ({@code upsert} or {@code delete}) and {@code payload} (field to value), and the headers
 * {@value #SYNC}, {@value #RUN} (absent for a replay) and {@value #OPERATION}.
 *
 * <p>What it may answer: a body that is a list of outcomes, each a map with the {@code key} of one record and a
 * {@code status}, {@code delivered} (with an optional destination {@code id}) or {@code refused} (with a
 * {@code code} and a {@code message}): a refused record becomes a dead letter. A record no outcome names, or a
 * body of anything else (the records as sent, a file's name), counts as delivered. An exception fails the batch
 * as a whole: it is retried with backoff like any destination's outage, then its records become dead letters.
 */
@Component
class CamelBatches extends RouteBuilder {

    static final String SYNC = "SluiceSync";
    static final String RUN = "SluiceRunId";
    static final String OPERATION = "SluiceOperation";

    private final CamelDestination destination;
    private final ProducerTemplate producer;

    CamelBatches(CamelDestination destination, ProducerTemplate producer) {
        this.destination = destination;
        this.producer = producer;
    }

    @Override
    public void configure() {
        for (DeliveryBatch.Operation operation : DeliveryBatch.Operation.values()) {
            from(destination.endpoint(operation)).routeId(destination.routeId(operation))
                    .errorHandler(noErrorHandler())
                    .process(this::send).id("camel-" + operation.name().toLowerCase(Locale.ROOT) + "-send");
        }
    }

    private void send(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        String endpoint = batch.sync().settings(CamelSettings.class).endpoint();
        String operation = batch.operation().name().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> records = new ArrayList<>(batch.records().size());
        for (OutboundRecord record : batch.records()) {
            Map<String, Object> sent = new LinkedHashMap<>();
            sent.put("key", record.key());
            sent.put("operation", operation);
            sent.put("payload", record.payload());
            records.add(sent);
        }
        // an exchange of its own: the team's route sees the batch, not Sluice's properties
        Exchange answer = producer.send(endpoint, call -> {
            call.getMessage().setBody(records);
            call.getMessage().setHeader(SYNC, batch.sync().name());
            call.getMessage().setHeader(RUN, exchange.getProperty(DeliveryBatch.RUN_ID));
            call.getMessage().setHeader(OPERATION, operation);
        });
        if (answer.getException() != null) {
            Exception failure = answer.getException();
            throw new DeliveryException(true, "CAMEL_" + failure.getClass().getSimpleName(),
                    endpoint + " failed: " + failure.getMessage(), failure);
        }
        exchange.getMessage().setBody(outcomes(batch, answer.getMessage().getBody()));
    }

    /** One outcome per record, in the batch's order. */
    private static List<RecordOutcome> outcomes(DeliveryBatch batch, Object answer) {
        Map<String, Map<?, ?>> byKey = new HashMap<>();
        if (answer instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> outcome && outcome.containsKey("status") && outcome.get("key") != null) {
                    byKey.put(outcome.get("key").toString(), outcome);
                }
            }
        }
        List<RecordOutcome> outcomes = new ArrayList<>(batch.records().size());
        for (OutboundRecord record : batch.records()) {
            outcomes.add(outcome(record, byKey.get(record.key())));
        }
        return outcomes;
    }

    private static RecordOutcome outcome(OutboundRecord record, Map<?, ?> answered) {
        // a record sent once is known by its key from then on: the next send of it counts as an update
        boolean created = record.destinationId() == null;
        if (answered == null) {
            return RecordOutcome.accepted(record.key(), created);
        }
        String status = String.valueOf(answered.get("status"));
        if (status.equalsIgnoreCase("delivered")) {
            Object id = answered.get("id");
            return RecordOutcome.accepted(id == null ? record.key() : id.toString(), created);
        }
        if (status.equalsIgnoreCase("refused")) {
            Object code = answered.get("code");
            Object message = answered.get("message");
            return RecordOutcome.rejected(code == null ? "REFUSED" : code.toString(),
                    message == null ? "refused by the endpoint" : message.toString());
        }
        return RecordOutcome.rejected("INVALID_OUTCOME", "the endpoint answered status '" + status
                + "' for this record; expected delivered or refused");
    }
}
