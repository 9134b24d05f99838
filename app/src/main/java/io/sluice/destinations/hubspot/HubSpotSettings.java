package io.sluice.destinations.hubspot;

import io.sluice.sync.DestinationSettings;

/**
 * The {@code hubspot:} block of a sync file; {@code schema/destinations/hubspot.schema.json} says what it may hold.
 *
 * @param batchSize inputs per batch call; HubSpot takes at most {@value #MAX_BATCH_SIZE}, the default
 * @param listId    the static list whose membership the sync keeps instead of writing records; null for a sync of
 *                  records
 */
record HubSpotSettings(Integer batchSize, String listId) implements DestinationSettings {

    static final int MAX_BATCH_SIZE = 100;

    HubSpotSettings {
        batchSize = batchSize == null ? MAX_BATCH_SIZE : batchSize;
    }

    boolean keepsMembership() {
        return listId != null;
    }
}
