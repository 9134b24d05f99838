package io.sluice.destinations.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.destinations.Memberships;
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

    SalesforceDestination(SalesforceProperties properties) {
        this.properties = properties;
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
        if (planned <= properties.bulkThreshold() || SalesforceSettings.campaign(sync) != null) {
            return COLLECTION_LIMIT;
        }
        long jobs = (planned + properties.bulkJobRecords() - 1) / properties.bulkJobRecords();
        return (int) ((planned + jobs - 1) / jobs);
    }

    /** A batch larger than one collections call takes can only have been planned for a Bulk job. */
    static boolean goesInBulk(DeliveryBatch batch) {
        return batch.records().size() > COLLECTION_LIMIT;
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
