package io.sluice.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A destination's block of a sync file, bound on request to the record its keys name: {@code batch_size}
 * binds to a component {@code batchSize}. A file without the block reads as an empty block.
 */
public final class SettingsBlock {

    private final JsonNode block;
    private final ObjectMapper mapper;

    SettingsBlock(JsonNode block, ObjectMapper mapper) {
        this.block = block;
        this.mapper = mapper;
    }

    /** @throws IllegalArgumentException if the block does not fit {@code type}, which its schema rules out */
    public <T> T as(Class<T> type) {
        return mapper.convertValue(block, type);
    }
}
