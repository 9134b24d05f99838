package io.sluice.destinations.slack;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.Message;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;

/**
 * Turns what Sluice wants to say into the body camel-slack sends — a {@link Message} with text and blocks —
 * and the channel it goes to, in the {@link #CHANNEL} header.
 */
@Component
class SlackMessages {

    static final String CHANNEL = "sluiceSlackChannel";

    private final ObjectMapper json;

    SlackMessages(ObjectMapper json) {
        this.json = json;
    }

    /** The record of a sync batch: its channel, and the sync file's templates rendered with its values. */
    void prepareRecord(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        if (batch.records().size() != 1) {
            throw new IllegalStateException("Slack posts one message per call, not " + batch.records().size());
        }
        OutboundRecord record = batch.records().get(0);
        SlackSettings settings = batch.sync().settings(SlackSettings.class);
        String channel = settings.channelOf(record.payload()).orElseThrow(() -> new SlackMessageRefused(
                "MISSING_CHANNEL", "The row has no channel in its channel column"));
        String text = settings.text() == null ? null : settings.text().render(record.payload(), value -> value);
        String blocks = settings.blocks() == null ? null
                : settings.blocks().render(record.payload(), SlackMessages::jsonStringContent);
        prepare(exchange, channel, text, blocks);
    }

    /** A message Sluice writes itself, such as an alert. */
    void prepareMessage(Exchange exchange, String channel, String text, List<Map<String, Object>> blocks) {
        try {
            prepare(exchange, channel, text, blocks.isEmpty() ? null : json.writeValueAsString(blocks));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Blocks that cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void prepare(Exchange exchange, String channel, String text, String blocksJson) {
        // the channel becomes part of an endpoint URI: a value from the warehouse must not add options to it
        if (!SlackSettings.CHANNEL.matcher(channel).matches()) {
            throw new SlackMessageRefused("INVALID_CHANNEL", "'" + channel + "' is not a Slack channel: #name, "
                    + "a channel ID or @user");
        }
        Message message = new Message();
        message.setText(text);
        if (blocksJson != null) {
            message.setBlocks(RenderedBlock.parse(blocksJson));
        }
        exchange.getMessage().setBody(message);
        exchange.getMessage().setHeader(CHANNEL, channel);
    }

    /** Inside a JSON string literal, where every placeholder of a block template sits. */
    private static String jsonStringContent(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
