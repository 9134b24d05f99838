package io.sluice.destinations.slack;

import java.io.IOException;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import com.slack.api.model.block.LayoutBlock;

/**
 * A Block Kit block exactly as the sync file wrote it. camel-slack only sends blocks as the SDK's typed
 * {@link LayoutBlock}s, and both ways it serializes them alter what was written: parsed into the SDK's model,
 * fields the model does not know are dropped; through an incoming webhook, camel-slack's plain Gson writes
 * field names in camelCase ({@code imageUrl}, {@code blockId}), which Slack refuses. This block serializes as
 * its own JSON under any Gson, so both modes send what the file says.
 */
@JsonAdapter(RenderedBlock.AsWritten.class)
final class RenderedBlock implements LayoutBlock {

    private final JsonObject json;

    private RenderedBlock(JsonObject json) {
        this.json = json;
    }

    /** @param jsonArray a JSON array of blocks */
    static List<LayoutBlock> parse(String jsonArray) {
        return JsonParser.parseString(jsonArray).getAsJsonArray().asList().stream()
                .map(block -> (LayoutBlock) new RenderedBlock(block.getAsJsonObject()))
                .toList();
    }

    @Override
    public String getType() {
        return json.get("type").getAsString();
    }

    @Override
    public String getBlockId() {
        JsonElement blockId = json.get("block_id");
        return blockId == null || blockId.isJsonNull() ? null : blockId.getAsString();
    }

    static final class AsWritten extends TypeAdapter<RenderedBlock> {

        private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

        @Override
        public void write(JsonWriter out, RenderedBlock block) throws IOException {
            // as a tree, not JsonWriter.jsonValue: the SDK serializes blocks into a JSON tree too
            ELEMENT.write(out, block.json);
        }

        @Override
        public RenderedBlock read(JsonReader in) {
            return new RenderedBlock(JsonParser.parseReader(in).getAsJsonObject());
        }
    }
}
