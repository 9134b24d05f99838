package io.sluice.destinations.salesforce;

import io.sluice.sync.DestinationSettings;
import io.sluice.sync.SyncDefinition;

/**
 * The {@code salesforce:} block of a sync file; {@code schema/destinations/salesforce.schema.json} says what it may
 * hold.
 *
 * @param campaignId the campaign whose members the sync keeps instead of writing records; null for a sync of records
 */
record SalesforceSettings(String campaignId) implements DestinationSettings {

    /** The campaign a sync keeps the members of, or null: a sync of records, or one built without a block. */
    static String campaign(SyncDefinition sync) {
        return sync.settings() instanceof SalesforceSettings settings ? settings.campaignId() : null;
    }
}
