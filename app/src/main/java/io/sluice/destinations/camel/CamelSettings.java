package io.sluice.destinations.camel;

import io.sluice.sync.DestinationSettings;

/**
 * A sync's {@code camel:} block.
 *
 * @param endpoint  the Camel endpoint URI each batch is sent to: any component's ({@code kafka:leads},
 *                  {@code file:data/outbox}), a Kamelet's ({@code kamelet:name}), or the {@code direct:} start of
 *                  a route in {@code routes/*.camel.yaml}
 * @param batchSize records per exchange
 */
record CamelSettings(String endpoint, Integer batchSize) implements DestinationSettings {

    static final int DEFAULT_BATCH_SIZE = 100;

    CamelSettings {
        batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
    }
}
