package io.sluice.destinations.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.Memberships;
import io.sluice.destinations.RecordOutcome;

/**
 * A campaign's members, kept by a sync with {@code salesforce.campaign_id}, in two calls per batch each way. To add:
 * a SOQL query finds the batch's Contacts (or Leads) by the sync's external id field, then an sObject Collections
 * create makes each found one a CampaignMember; Salesforce refuses a second membership of the same contact with
 * {@code DUPLICATE_VALUE}, which means it is a member already. A record's destination id is its Contact's or Lead's
 * id. To remove: a SOQL query finds the CampaignMembers of those ids, then a collections delete removes them; the
 * Contact or Lead stays.
 */
@Component
class CampaignMemberships {

    /** Exchange property: the {@link Change} under way. */
    static final String PROPERTY = "sluiceCampaignChange";

    private static final String IDS_HEADER = "ids";
    private static final String ALL_OR_NONE_HEADER = "allOrNone";
    private static final String MEMBER = "CampaignMember";

    /**
     * One batch's change: for each record its outcome once known, and the Contact or Lead id it was found as; for a
     * removal, the CampaignMember ids of each.
     */
    static final class Change {
        private final DeliveryBatch batch;
        private final RecordOutcome[] outcomes;
        private final String[] memberIds;
        /** The records, by position, the current call carries; in the order it carries them. */
        private final List<Integer> sent = new ArrayList<>();

        private Change(DeliveryBatch batch) {
            this.batch = batch;
            this.outcomes = new RecordOutcome[batch.records().size()];
            this.memberIds = new String[batch.records().size()];
        }

        boolean hasCall() {
            return !sent.isEmpty();
        }
    }

    private final SalesforceCollections collections;
    private final ObjectMapper json;

    CampaignMemberships(SalesforceCollections collections, ObjectMapper json) {
        this.collections = collections;
        this.json = json;
    }

    /** The query finding the batch's Contacts or Leads by the value each record has for the external id field. */
    void prepareLookup(Exchange exchange) {
        Change change = new Change(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class));
        exchange.setProperty(PROPERTY, change);
        String field = change.batch.sync().externalIdField();
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < change.outcomes.length; i++) {
            Object value = change.batch.records().get(i).payload().get(field);
            if (value == null || String.valueOf(value).isBlank()) {
                change.outcomes[i] = RecordOutcome.rejected("MISSING_ARGUMENT", field + " not specified: a campaign's "
                        + "member is found by it");
            } else {
                values.add(String.valueOf(value));
                change.sent.add(i);
            }
        }
        collections.prepareQuery(exchange, change.batch, "SELECT Id, " + field + " FROM "
                + change.batch.sync().object() + " WHERE " + field + " IN " + literals(values));
    }

    /** The members found become CampaignMembers; the others are refused, not found or found more than once. */
    void prepareCreate(Exchange exchange) throws IOException {
        Change change = change(exchange);
        String field = change.batch.sync().externalIdField();
        Map<String, List<String>> idsByValue = change.hasCall()
                ? queried(exchange, record -> record.path(field).asText("").toLowerCase(Locale.ROOT))
                : Map.of();
        String object = change.batch.sync().object();
        String memberField = object.equalsIgnoreCase("Contact") ? "ContactId" : "LeadId";
        List<Integer> looked = List.copyOf(change.sent);
        change.sent.clear();
        List<Map<String, Object>> members = new ArrayList<>();
        for (int record : looked) {
            Object value = change.batch.records().get(record).payload().get(field);
            List<String> ids = idsByValue.getOrDefault(String.valueOf(value).toLowerCase(Locale.ROOT), List.of());
            if (ids.isEmpty()) {
                change.outcomes[record] = Memberships.notFound(object, field, value);
            } else if (ids.size() > 1) {
                change.outcomes[record] = RecordOutcome.rejected("AMBIGUOUS_MEMBER", ids.size() + " " + object
                        + " records have " + field + " '" + value + "' (" + String.join(", ", ids) + "): merge them, "
                        + "then replay");
            } else {
                change.memberIds[record] = ids.get(0);
                change.sent.add(record);
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("attributes", Map.of("type", MEMBER));
                member.put("CampaignId", SalesforceSettings.campaign(change.batch.sync()));
                member.put(memberField, ids.get(0));
                members.add(member);
            }
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(json.writeValueAsString(Map.of("allOrNone", false, "records", members)));
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_PATH, dataPath(exchange) + "/composite/sobjects");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_METHOD, "POST");
    }

    /** A member Salesforce calls a duplicate was one already: the campaign has it, as the sync wants. */
    void readCreated(Exchange exchange) throws IOException {
        Change change = change(exchange);
        JsonNode results = change.hasCall() ? results(exchange) : json.createArrayNode();
        for (int i = 0; i < change.sent.size(); i++) {
            int record = change.sent.get(i);
            JsonNode result = results.path(i);
            String code = result.path("errors").path(0).path("statusCode").asText("");
            change.outcomes[record] = result.path("success").asBoolean(false) || code.equals("DUPLICATE_VALUE")
                    ? RecordOutcome.accepted(change.memberIds[record], !code.equals("DUPLICATE_VALUE"))
                    : SalesforceCollections.refusal(result);
        }
        exchange.getMessage().setBody(List.of(change.outcomes));
    }

    /** The query finding the campaign's CampaignMembers of the Contacts or Leads that left. */
    void prepareMemberLookup(Exchange exchange) {
        Change change = new Change(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class));
        exchange.setProperty(PROPERTY, change);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < change.outcomes.length; i++) {
            String memberId = change.batch.records().get(i).destinationId();
            if (memberId == null || memberId.isBlank()) {
                // never a member through this sync: nothing to remove
                change.outcomes[i] = RecordOutcome.accepted(null, false);
            } else {
                change.memberIds[i] = memberId;
                ids.add(memberId);
                change.sent.add(i);
            }
        }
        String memberField = memberField(change);
        collections.prepareQuery(exchange, change.batch, "SELECT Id, " + memberField + " FROM " + MEMBER
                + " WHERE CampaignId = " + literal(SalesforceSettings.campaign(change.batch.sync())) + " AND " + memberField + " IN "
                + literals(ids));
    }

    /** The CampaignMembers found are deleted; a Contact or Lead without one has left the campaign already. */
    void prepareDelete(Exchange exchange) throws IOException {
        Change change = change(exchange);
        String memberField = memberField(change);
        Map<String, List<String>> membershipsByMember = change.hasCall()
                ? queried(exchange, record -> id15(record.path(memberField).asText("")))
                : Map.of();
        List<Integer> looked = List.copyOf(change.sent);
        change.sent.clear();
        List<String> memberships = new ArrayList<>();
        for (int record : looked) {
            List<String> found = membershipsByMember.getOrDefault(id15(change.memberIds[record]), List.of());
            if (found.isEmpty()) {
                change.outcomes[record] = RecordOutcome.accepted(null, false);
            }
            for (String membership : found) {
                memberships.add(membership);
                change.sent.add(record);
            }
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(IDS_HEADER, String.join(",", memberships));
        exchange.getMessage().setHeader(ALL_OR_NONE_HEADER, "false");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_PATH, dataPath(exchange) + "/composite/sobjects");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_METHOD, "DELETE");
        exchange.getMessage().setHeader(SalesforceEndpointConfig.RAW_QUERY_PARAMETERS,
                IDS_HEADER + "," + ALL_OR_NONE_HEADER);
    }

    /** A record leaves the campaign when each of its CampaignMembers is gone, deleted now or before. */
    void readDeleted(Exchange exchange) throws IOException {
        Change change = change(exchange);
        JsonNode results = change.hasCall() ? results(exchange) : json.createArrayNode();
        for (int i = 0; i < change.sent.size(); i++) {
            int record = change.sent.get(i);
            JsonNode result = results.path(i);
            RecordOutcome outcome = result.path("success").asBoolean(false) ? RecordOutcome.accepted(null, false)
                    : SalesforceCollections.deleteDone(DeliveryBatch.Operation.DELETE, SalesforceCollections.refusal(result));
            if (change.outcomes[record] == null || change.outcomes[record].success()) {
                change.outcomes[record] = outcome;
            }
        }
        exchange.getMessage().setBody(List.of(change.outcomes));
    }

    boolean hasCall(Exchange exchange) {
        return change(exchange).hasCall();
    }

    /** The ids of the records a query answered, grouped by {@code key}. */
    private Map<String, List<String>> queried(Exchange exchange, Function<JsonNode, String> key) throws IOException {
        Map<String, List<String>> ids = new HashMap<>();
        collections.queried(exchange).forEach(record -> ids.computeIfAbsent(key.apply(record), k -> new ArrayList<>())
                .add(record.path("Id").asText()));
        return ids;
    }

    private JsonNode results(Exchange exchange) throws IOException {
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            JsonNode results = json.readTree(body);
            if (results == null || !results.isArray()) {
                throw new DeliveryException(false, "UNEXPECTED_RESPONSE",
                        "Salesforce answered without a result array: " + results, null);
            }
            return results;
        }
    }

    private static Change change(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Change.class);
    }

    private static String memberField(Change change) {
        return change.batch.sync().object().equalsIgnoreCase("Contact") ? "ContactId" : "LeadId";
    }

    /** Ids compare in their 15-character form: Salesforce answers 18 characters whatever it was asked with. */
    private static String id15(String id) {
        return id.length() > 15 ? id.substring(0, 15) : id;
    }

    private static String literals(Set<String> values) {
        return values.stream().map(CampaignMemberships::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A SOQL string literal: a quote or a backslash in the value is escaped, never closes the literal. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The REST API's root in the org of the batch being delivered. */
    private String dataPath(Exchange exchange) {
        return collections.dataPath(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class));
    }
}
