package io.sluice.destinations.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.destinations.Memberships;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;

/**
 * Salesforce through camel-salesforce: sObject Collections upserts by external id and collections deletes, or
 * Bulk API 2.0 ingest jobs when a run plans more than {@code sluice.salesforce.bulk-threshold} of them; or, with a
 * {@code campaign_id}, a campaign's members.
 */
@Component
class SalesforceDestination implements Destination {

    /** sObject Collections accept at most 200 records per call. */
    static final int COLLECTION_LIMIT = 200;

    /** What a CampaignMember can point at, as its ContactId or LeadId. */
    static final List<String> MEMBER_OBJECTS = List.of("Contact", "Lead");

    private final SalesforceProperties properties;
    /** Looked up when first needed: reading goes through Camel, whose routes need this destination first. */
    private final ObjectProvider<SalesforceCurrentValues> currentValues;

    SalesforceDestination(SalesforceProperties properties, ObjectProvider<SalesforceCurrentValues> currentValues) {
        this.properties = properties;
        this.currentValues = currentValues;
    }

    @Override
    public String name() {
        return "salesforce";
    }

    /** {@code sluice.salesforce.connections.<name>}: further orgs. */
    @Override
    public Set<String> connections() {
        return properties.connections().keySet();
    }

    @Override
    public int batchSize(SyncDefinition sync) {
        return COLLECTION_LIMIT;
    }

    /**
     * Past the threshold, one batch per Bulk job, the plan shared evenly between as few jobs as
     * {@code bulk-job-records} allows: every such batch then holds more than a collections call takes, which is
     * how {@link #goesInBulk} tells it apart.
     */
    @Override
    public int batchSize(SyncDefinition sync, DeliveryBatch.Operation operation, long planned) {
        // Bulk API ingests records; a campaign's members are looked up and created per collections call
        // nor does a Bulk job read current values: if_empty reads a collections call's records with one query
        if (planned <= properties.bulkThreshold() || SalesforceSettings.campaign(sync) != null
                || sync.mapping().stream().anyMatch(field -> field.write() == FieldMapping.Write.IF_EMPTY)) {
            return COLLECTION_LIMIT;
        }
        long jobs = (planned + properties.bulkJobRecords() - 1) / properties.bulkJobRecords();
        return (int) ((planned + jobs - 1) / jobs);
    }

    /** A batch larger than one collections call takes can only have been planned for a Bulk job. */
    static boolean goesInBulk(DeliveryBatch batch) {
        return batch.records().size() > COLLECTION_LIMIT;
    }

    /** One SOQL query per batch of at most 200 records, by the external id field. */
    @Override
    public Optional<String> ifEmptyRefusal(SyncDefinition sync) {
        return Optional.empty();
    }

    @Override
    public Map<String, Map<String, Object>> currentValues(DeliveryBatch batch, List<String> fields) {
        return currentValues.getObject().read(batch, fields);
    }

    @Override
    public String defaultObject() {
        return "Lead";
    }

    /** Its block holds a campaign's id, or nothing: object and external_id_field say everything about records. */
    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        SalesforceSettings settings = block.as(SalesforceSettings.class);
        List<Problem> problems = new ArrayList<>();
        if (settings.campaignId() != null) {
            if (MEMBER_OBJECTS.stream().noneMatch(sync.object()::equalsIgnoreCase)) {
                problems.add(new Problem("object", "a campaign's members are Contact or Lead records, not '"
                        + sync.object() + "'"));
            }
            problems.addAll(Memberships.problems(sync, "salesforce.campaign_id"));
        }
        return new Reading(settings, problems);
    }
}
