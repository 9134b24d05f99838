package io.sluice.destinations.salesforce;

import java.util.List;

import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.sync.DestinationSettings;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;

/** Salesforce through camel-salesforce: sObject Collections upserts by external id, collections deletes. */
@Component
class SalesforceDestination implements Destination {

    /** sObject Collections accept at most 200 records per call. */
    static final int COLLECTION_LIMIT = 200;

    @Override
    public String name() {
        return "salesforce";
    }

    @Override
    public int batchSize(SyncDefinition sync) {
        return COLLECTION_LIMIT;
    }

    @Override
    public String defaultObject() {
        return "Lead";
    }

    /** Its block holds nothing: object and external_id_field say everything. */
    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        return new Reading(DestinationSettings.NONE, List.of());
    }
}
