package io.sluice.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destinations;
import io.sluice.destinations.OutboundRecord;
import io.sluice.sync.FieldMapping;

/**
 * {@code write: if_empty}: before an upsert, the destination's current values of those fields are read for the
 * whole batch in one call, and a field the destination already holds a value for is left out of that record's
 * payload — people in the tool own it once they filled it. What was kept is handed to the commit step
 * ({@link DeliveryBatch#KEPT}), which counts and audits it. The record's content hash stays the warehouse's, so a
 * kept field does not make the record look changed on every run.
 */
@Component("fieldsKept")
public class FieldsKept {

    private final Destinations destinations;

    public FieldsKept(Destinations destinations) {
        this.destinations = destinations;
    }

    /** Replaces the exchange's batch with one without the kept fields. */
    public void keep(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        Map<String, List<String>> kept = new LinkedHashMap<>();
        exchange.setProperty(DeliveryBatch.PROPERTY, keep(batch, kept));
        exchange.setProperty(DeliveryBatch.KEPT, kept);
    }

    /**
     * The batch as it is sent: without the {@code if_empty} fields the destination holds a value for.
     *
     * @param kept receives, per record key, the fields left out
     */
    public DeliveryBatch keep(DeliveryBatch batch, Map<String, List<String>> kept) {
        List<String> fields = batch.sync().mapping().stream()
                .filter(field -> field.write() == FieldMapping.Write.IF_EMPTY).map(FieldMapping::field).toList();
        if (fields.isEmpty() || batch.operation() != DeliveryBatch.Operation.UPSERT || batch.records().isEmpty()) {
            return batch;
        }
        Map<String, Map<String, Object>> current = destinations.of(batch.sync()).currentValues(batch, fields);
        List<OutboundRecord> records = new ArrayList<>(batch.records().size());
        for (OutboundRecord record : batch.records()) {
            Map<String, Object> held = current.getOrDefault(record.key(), Map.of());
            List<String> filled = fields.stream()
                    .filter(field -> record.payload().containsKey(field) && !isEmpty(held.get(field))).toList();
            if (filled.isEmpty()) {
                records.add(record);
                continue;
            }
            Map<String, Object> payload = new LinkedHashMap<>(record.payload());
            filled.forEach(payload::remove);
            kept.put(record.key(), filled);
            records.add(new OutboundRecord(record.key(), payload, record.contentHash(), record.destinationId()));
        }
        return new DeliveryBatch(batch.sync(), batch.operation(), records);
    }

    /** What a person has not filled: nothing, blank text, or an empty multi-select. */
    static boolean isEmpty(Object value) {
        return value == null || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> values && values.isEmpty();
    }
}
