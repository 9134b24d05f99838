package io.sluice.destinations.hubspot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Memberships;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.sync.SyncDefinition;

/**
 * One batch call as it goes out: the inputs HubSpot receives, and for every record of the batch
 * either the input carrying it or the reason it was refused before sending. Answers are filled in
 * per record, so the outcomes keep the batch's order whatever order HubSpot answers in.
 */
final class BatchRequest {

    /** Exchange property holding the request of the current call. */
    static final String PROPERTY = "sluiceHubSpotRequest";

    private final String path;
    private final String idProperty;
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    /** For each input, the position of its record in the batch. */
    private final List<Integer> inputRecords = new ArrayList<>();
    private final RecordOutcome[] outcomes;
    /** What a batch read asks for beside the idProperty. */
    private List<String> readProperties = List.of();

    private BatchRequest(String path, String idProperty, int records) {
        this.path = path;
        this.idProperty = idProperty;
        this.outcomes = new RecordOutcome[records];
    }

    /**
     * {@code batch/upsert}: each record matched on its value of the sync's external id field. Values
     * go as text, the form HubSpot stores; null clears a property, which HubSpot does with "".
     */
    static BatchRequest upsert(DeliveryBatch batch) {
        SyncDefinition sync = batch.sync();
        String idProperty = sync.externalIdField();
        BatchRequest request = new BatchRequest(objectPath(sync) + "/batch/upsert", idProperty, batch.records().size());
        for (int i = 0; i < batch.records().size(); i++) {
            OutboundRecord record = batch.records().get(i);
            String id = request.idPropertyValue(i, record, sync, "upserted");
            if (id != null) {
                Map<String, Object> properties = new LinkedHashMap<>();
                record.payload().forEach((property, value) -> properties.put(property, propertyValue(value)));
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("id", id);
                input.put("idProperty", idProperty);
                input.put("properties", properties);
                request.add(i, input);
            }
        }
        return request;
    }

    /**
     * {@code batch/read} by the sync's external id field, asking for that property alone: which records HubSpot
     * holds, and their ids.
     */
    static BatchRequest read(DeliveryBatch batch) {
        return read(batch, List.of());
    }

    /** As {@link #read(DeliveryBatch)}, asking also for these properties' current values. */
    static BatchRequest read(DeliveryBatch batch, List<String> properties) {
        SyncDefinition sync = batch.sync();
        BatchRequest request = new BatchRequest(objectPath(sync) + "/batch/read", sync.externalIdField(),
                batch.records().size());
        for (int i = 0; i < batch.records().size(); i++) {
            String id = request.idPropertyValue(i, batch.records().get(i), sync, "found");
            if (id != null) {
                request.add(i, Map.of("id", id));
            }
        }
        request.readProperties = List.copyOf(properties);
        return request;
    }

    /**
     * The records this read found, added to a list: each input of this request whose {@code id} {@code recordIds}
     * knows becomes its record's HubSpot id; the others are not members HubSpot holds.
     */
    BatchRequest addToList(String listId, Map<String, String> recordIds, String object) {
        BatchRequest addition = new BatchRequest(listPath(listId) + "/add", idProperty, outcomes.length);
        System.arraycopy(outcomes, 0, addition.outcomes, 0, outcomes.length);
        for (int input = 0; input < inputs.size(); input++) {
            String recordId = recordIds.get(inputId(input));
            if (recordId == null) {
                addition.outcomes[inputRecords.get(input)] = Memberships.notFound(object, idProperty, inputId(input));
            } else {
                addition.add(inputRecords.get(input), Map.of("id", recordId));
            }
        }
        return addition;
    }

    /** {@code memberships/remove}: the records delivered before, by the HubSpot id the lookup found. */
    static BatchRequest removeFromList(DeliveryBatch batch, String listId) {
        return byHubSpotId(batch, listPath(listId) + "/remove");
    }

    /** The record's value of the property HubSpot matches on; null, with the record refused, when it has none. */
    private String idPropertyValue(int record, OutboundRecord outbound, SyncDefinition sync, String done) {
        String id = propertyValue(outbound.payload().get(idProperty)).trim();
        if (id.isEmpty()) {
            outcomes[record] = RecordOutcome.rejected("EMPTY_ID_PROPERTY", idProperty + " is empty: HubSpot "
                    + "matches " + sync.object() + " on it (idProperty), so this record cannot be " + done);
            return null;
        }
        return id;
    }

    /** {@code batch/archive}: by the HubSpot id an earlier upsert answered. */
    static BatchRequest archive(DeliveryBatch batch) {
        return byHubSpotId(batch, objectPath(batch.sync()) + "/batch/archive");
    }

    private static BatchRequest byHubSpotId(DeliveryBatch batch, String path) {
        BatchRequest request = new BatchRequest(path, null, batch.records().size());
        for (int i = 0; i < batch.records().size(); i++) {
            String hubSpotId = batch.records().get(i).destinationId();
            if (hubSpotId == null || hubSpotId.isBlank()) {
                request.outcomes[i] = RecordOutcome.rejected("NO_HUBSPOT_ID", "HubSpot never answered an id for this "
                        + "record, and " + path + " needs one; change it in HubSpot or delete this dead letter");
            } else {
                request.add(i, Map.of("id", hubSpotId));
            }
        }
        return request;
    }

    private static String listPath(String listId) {
        return "/crm/v3/lists/" + listId + "/memberships";
    }

    private static String objectPath(SyncDefinition sync) {
        return "/crm/v3/objects/" + sync.object();
    }

    private void add(int record, Map<String, Object> input) {
        inputs.add(input);
        inputRecords.add(record);
    }

    String path() {
        return path;
    }

    /** A list's members change by PUT, with a bare array of record ids; the CRM's batch calls POST their inputs. */
    boolean changesList() {
        return path.startsWith("/crm/v3/lists/");
    }

    /** What the call sends. */
    Object body() {
        if (changesList()) {
            return inputs.stream().map(input -> input.get("id")).toList();
        }
        if (path.endsWith("/batch/read")) {
            List<String> properties = new ArrayList<>(List.of(idProperty));
            readProperties.stream().filter(property -> !property.equals(idProperty)).forEach(properties::add);
            return Map.of("idProperty", idProperty, "inputs", inputs, "properties", properties);
        }
        return Map.of("inputs", inputs);
    }

    /** The property upserts and reads match on; null for archives and removals. */
    String idProperty() {
        return idProperty;
    }

    List<Map<String, Object>> inputs() {
        return inputs;
    }

    boolean hasInputs() {
        return !inputs.isEmpty();
    }

    /** The {@code id} the input carried. */
    String inputId(int input) {
        return (String) inputs.get(input).get("id");
    }

    void answer(int input, RecordOutcome outcome) {
        outcomes[inputRecords.get(input)] = outcome;
    }

    boolean isAnswered(int input) {
        return outcomes[inputRecords.get(input)] != null;
    }

    /** A call that succeeded as a whole: every input was taken, each under the id it was sent with. */
    void acceptAll() {
        for (int input = 0; input < inputs.size(); input++) {
            answer(input, RecordOutcome.accepted(inputId(input), false));
        }
    }

    /** One outcome per record of the batch, in batch order. */
    List<RecordOutcome> outcomes() {
        if (Arrays.stream(outcomes).anyMatch(Objects::isNull)) {
            throw new IllegalStateException("A record of the batch has no outcome");
        }
        return List.of(outcomes);
    }

    static String propertyValue(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            // never 1.0E10: HubSpot reads number properties as plain decimals
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> values) {
            // multiple checkboxes take their options joined with semicolons
            return values.stream().map(BatchRequest::propertyValue).collect(Collectors.joining(";"));
        }
        return String.valueOf(value);
    }
}
