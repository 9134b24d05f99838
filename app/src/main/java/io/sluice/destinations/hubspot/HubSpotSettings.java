package io.sluice.destinations.hubspot;

import io.sluice.sync.DestinationSettings;

/**
 * The {@code hubspot:} block of a sync file; {@code schema/destinations/hubspot.schema.json} says what it may hold.
 *
 * @param batchSize inputs per batch call; HubSpot takes at most {@value #MAX_BATCH_SIZE}, the default
 */
record HubSpotSettings(Integer batchSize) implements DestinationSettings {

    static final int MAX_BATCH_SIZE = 100;

    HubSpotSettings {
        batchSize = batchSize == null ? MAX_BATCH_SIZE : batchSize;
    }
}
