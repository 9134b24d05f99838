package io.sluice.destinations.hubspot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.OutboundRecord;

/**
 * A batch's records as HubSpot holds them now, for {@code write: if_empty}: one {@code batch/read} by the sync's
 * idProperty, through the call route of the sync's account, which throttles and counts every call. HubSpot answers a property nobody filled
 * as null or "".
 */
@Component
class HubSpotCurrentValues {

    private final ProducerTemplate producer;
    private final HubSpotBatches batches;
    private final HubSpotAccounts accounts;
    private final ObjectMapper json;

    HubSpotCurrentValues(ProducerTemplate producer, HubSpotBatches batches, HubSpotAccounts accounts,
                         ObjectMapper json) {
        this.producer = producer;
        this.batches = batches;
        this.accounts = accounts;
        this.json = json;
    }

    Map<String, Map<String, Object>> read(DeliveryBatch batch, List<String> properties) {
        Exchange answer = producer.send(accounts.of(batch.sync()).callEndpoint(), exchange -> batches.prepareRead(exchange, batch, properties));
        if (answer.getException() != null) {
            throw answer.getException() instanceof RuntimeException failure ? failure
                    : new DeliveryException(true, "READ_FAILED", answer.getException().getMessage(),
                            answer.getException());
        }
        String idProperty = batch.sync().externalIdField();
        // HubSpot answers e-mail addresses in lower case, whatever case they were asked in
        Map<String, Map<String, Object>> byId = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try {
            JsonNode results = json.readTree(answer.getMessage().getBody(String.class)).path("results");
            for (JsonNode result : results) {
                JsonNode values = result.path("properties");
                Map<String, Object> current = new HashMap<>();
                properties.forEach(property -> current.put(property,
                        values.path(property).isTextual() ? values.path(property).asText() : null));
                byId.put(values.path(idProperty).asText(""), current);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (OutboundRecord record : batch.records()) {
            Object id = record.payload().get(idProperty);
            Map<String, Object> current = id == null ? null : byId.get(String.valueOf(id).trim());
            if (current != null) {
                byKey.put(record.key(), current);
            }
        }
        return byKey;
    }
}
