package io.sluice.destinations.hubspot;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;

/** Route steps around a batch call: the request from the batch, the outcomes from HubSpot's answer. */
@Component
class HubSpotBatches {

    private final ObjectMapper json;

    HubSpotBatches(ObjectMapper json) {
        this.json = json;
    }

    void prepareUpsert(Exchange exchange) throws IOException {
        prepare(exchange, BatchRequest::upsert);
    }

    void prepareArchive(Exchange exchange) throws IOException {
        prepare(exchange, BatchRequest::archive);
    }

    /** The batch comes from the exchange property, never the body: a redelivery resends the body as it was. */
    private void prepare(Exchange exchange, Function<DeliveryBatch, BatchRequest> plan) throws IOException {
        BatchRequest request = plan.apply(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class));
        exchange.setProperty(BatchRequest.PROPERTY, request);
        exchange.getMessage().setBody(request.hasInputs()
                ? json.writeValueAsString(Map.of("inputs", request.inputs())) : null);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, request.path());
    }

    boolean hasInputs(Exchange exchange) {
        return request(exchange).hasInputs();
    }

    /** 200 or 207: per-record results and errors. */
    void readUpsertAnswer(Exchange exchange) throws IOException {
        BatchRequest request = request(exchange);
        exchange.getMessage().setBody(request.hasInputs()
                ? UpsertAnswer.outcomes(request, json.readTree(exchange.getMessage().getBody(String.class)))
                : request.outcomes());
    }

    /** 204: HubSpot archives the whole batch, and answers nothing per record. */
    void readArchiveAnswer(Exchange exchange) {
        BatchRequest request = request(exchange);
        request.acceptAll();
        exchange.getMessage().setBody(request.outcomes());
    }

    private static BatchRequest request(Exchange exchange) {
        return exchange.getProperty(BatchRequest.PROPERTY, BatchRequest.class);
    }
}
