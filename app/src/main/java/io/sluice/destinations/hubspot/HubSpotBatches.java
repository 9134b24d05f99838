package io.sluice.destinations.hubspot;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.sync.SyncDefinition;

/**
 * Route steps around a batch call: the request from the batch, the outcomes from HubSpot's answer. A sync that keeps
 * a list's membership adds its records in two calls (find them, add them) and removes them in one.
 */
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

    /** The first call of an addition to a list: which of the batch's records HubSpot holds. */
    void prepareLookup(Exchange exchange) throws IOException {
        prepare(exchange, BatchRequest::read);
    }

    /** The second: the records found, added to the list; the others are refused as not found. */
    void prepareAddition(Exchange exchange) throws IOException {
        BatchRequest lookup = request(exchange);
        Map<String, String> recordIds = lookup.hasInputs()
                ? MembershipAnswer.recordIds(lookup, json.readTree(exchange.getMessage().getBody(String.class)))
                : Map.of();
        SyncDefinition sync = batch(exchange).sync();
        // the lookup's answer headers must not go out with the next call
        exchange.getMessage().removeHeaders("*", "CamelRedeliver*");
        send(exchange, lookup.addToList(listId(sync), recordIds, sync.object()));
    }

    /** A batch read of the batch's records' current values of these properties, for {@code write: if_empty}. */
    void prepareRead(Exchange exchange, DeliveryBatch batch, List<String> properties) throws IOException {
        send(exchange, BatchRequest.read(batch, properties));
    }

    void prepareRemoval(Exchange exchange) throws IOException {
        prepare(exchange, batch -> BatchRequest.removeFromList(batch, listId(batch.sync())));
    }

    void readMembershipChange(Exchange exchange) throws IOException {
        BatchRequest request = request(exchange);
        if (request.hasInputs()) {
            MembershipAnswer.readChange(request, json.readTree(exchange.getMessage().getBody(String.class)),
                    batch(exchange).sync().object(), batch(exchange).operation() == DeliveryBatch.Operation.UPSERT);
        }
        exchange.getMessage().setBody(request.outcomes());
    }

    boolean keepsMembership(Exchange exchange) {
        return batch(exchange).sync().settings(HubSpotSettings.class).keepsMembership();
    }

    /** The batch comes from the exchange property, never the body: a redelivery resends the body as it was. */
    private void prepare(Exchange exchange, Function<DeliveryBatch, BatchRequest> plan) throws IOException {
        send(exchange, plan.apply(batch(exchange)));
    }

    private void send(Exchange exchange, BatchRequest request) throws IOException {
        exchange.setProperty(BatchRequest.PROPERTY, request);
        exchange.getMessage().setBody(request.hasInputs() ? json.writeValueAsString(request.body()) : null);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, request.path());
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, request.changesList() ? "PUT" : "POST");
    }

    boolean hasInputs(Exchange exchange) {
        return request(exchange).hasInputs();
    }

    private static DeliveryBatch batch(Exchange exchange) {
        return exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
    }

    private static String listId(SyncDefinition sync) {
        return sync.settings(HubSpotSettings.class).listId();
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
