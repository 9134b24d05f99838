package io.sluice.destinations.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.OutboundRecord;

/**
 * A batch's records as Salesforce holds them now, for {@code write: if_empty}: one SOQL query by the sync's external
 * id field, through the throttled call route of the sync's org like every other call.
 */
@Component
class SalesforceCurrentValues {

    private final ProducerTemplate producer;
    private final SalesforceCollections collections;
    private final ObjectMapper json;

    SalesforceCurrentValues(ProducerTemplate producer, SalesforceCollections collections, ObjectMapper json) {
        this.producer = producer;
        this.collections = collections;
        this.json = json;
    }

    Map<String, Map<String, Object>> read(DeliveryBatch batch, List<String> fields) {
        String idField = batch.sync().externalIdField();
        Set<String> values = batch.records().stream().map(record -> record.payload().get(idField))
                .filter(value -> value != null && !String.valueOf(value).isBlank()).map(String::valueOf)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (values.isEmpty()) {
            return Map.of();
        }
        Set<String> selected = new LinkedHashSet<>(fields);
        selected.add(idField);
        String soql = "SELECT " + String.join(", ", selected) + " FROM " + batch.sync().object() + " WHERE " + idField
                + " IN " + values.stream().map(CampaignMemberships::literal).collect(Collectors.joining(", ", "(", ")"));
        Exchange answer = producer.send(SalesforceConnections.callEndpoint(batch), exchange -> {
            collections.prepareQuery(exchange, batch, soql);
            exchange.setProperty(SalesforceRoutes.OPERATION, "raw?format=JSON");
        });
        if (answer.getException() != null) {
            throw answer.getException() instanceof RuntimeException failure ? failure
                    : new DeliveryException(true, "READ_FAILED", answer.getException().getMessage(),
                            answer.getException());
        }
        // external ids match whatever their letter case, as Salesforce matches them on upsert
        Map<String, Map<String, Object>> byId = new HashMap<>();
        try {
            for (JsonNode record : collections.queried(answer)) {
                Map<String, Object> current = new HashMap<>();
                fields.forEach(field -> current.put(field, value(record.path(field))));
                byId.put(record.path(idField).asText("").toLowerCase(Locale.ROOT), current);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (OutboundRecord record : batch.records()) {
            Object id = record.payload().get(idField);
            Map<String, Object> current = id == null ? null : byId.get(String.valueOf(id).toLowerCase(Locale.ROOT));
            if (current != null) {
                byKey.put(record.key(), current);
            }
        }
        return byKey;
    }

    private Object value(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : json.convertValue(node, Object.class);
    }
}
