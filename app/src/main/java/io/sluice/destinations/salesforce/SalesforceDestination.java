package io.sluice.destinations.salesforce;

import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
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
}
