package io.sluice.destinations.slack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sync.DestinationSettings;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileDestination.Problem;

/**
 * A sync file's {@code slack:} block, checked against its mapping and the configured connection; its shape is
 * {@code schema/destinations/slack.schema.json}'s.
 *
 * <pre>
 * slack:
 *   channel: "#sales"                 # or channel_column: owner_channel
 *   text: "New hot lead {{email}} at {{company}}"
 *   blocks: [...]                     # optional Block Kit, same placeholders
 *   initial_run: send                 # optional; default skip: the first run posts nothing
 * </pre>
 *
 * @param channel       the fixed channel, or null when it comes from a column
 * @param channelField  the mapped field holding each record's channel, or null
 * @param text          the message text (the notification fallback when blocks are set), or null
 * @param blocks        Block Kit blocks as a JSON array, or null
 * @param sendsFirstRun the first run posts a message per existing row
 */
record SlackSettings(String channel, String channelField, MessageTemplate text, MessageTemplate blocks,
                     boolean sendsFirstRun) implements DestinationSettings {

    /** Slack's limit per message. */
    private static final int MAX_BLOCKS = 50;

    /**
     * A channel name, a channel or user ID, or an {@code @user}. Channel names from a column end up in an
     * endpoint URI, so nothing else may pass.
     */
    static final Pattern CHANNEL = Pattern.compile("[#@]?[\\p{L}\\p{N}._-]{1,80}");

    private static final ObjectMapper JSON = new ObjectMapper();

    enum InitialRun {
        /** The first run posts a message per existing row. */
        SEND,
        /** The first run records the existing rows and posts nothing. */
        SKIP
    }

    /**
     * The block as written; what it leaves out is {@code null}.
     *
     * @param blocks a list of Block Kit blocks, or text holding a JSON array of them
     */
    record Block(String channel, String channelColumn, String text, JsonNode blocks, InitialRun initialRun) {
    }

    /** Every problem the block's schema cannot see goes to {@code problems}; the settings mean nothing with any. */
    static SlackSettings read(Block block, SyncDefinition sync, SlackConnection.Mode mode, List<Problem> problems) {
        String channelField = null;
        if (block.channelColumn() != null) {
            if (mode == SlackConnection.Mode.WEBHOOK) {
                problems.add(new Problem("slack.channel_column", "an incoming webhook posts only to its own channel; "
                        + "a channel per row needs a bot token (sluice.slack.token)"));
            }
            channelField = mappedField(sync, block.channelColumn()).orElse(null);
            if (channelField == null) {
                problems.add(new Problem("slack.channel_column", "'" + block.channelColumn()
                        + "' is not a mapped column"));
            }
        }
        MessageTemplate text = block.text() == null ? null
                : MessageTemplate.parse(block.text(), name -> mappedField(sync, name), "slack.text", problems);
        return new SlackSettings(block.channel(), channelField, text, blocks(block.blocks(), sync, problems),
                block.initialRun() == InitialRun.SEND);
    }

    /** The record's channel: the fixed one, or its value of the channel column. */
    Optional<String> channelOf(Map<String, Object> payload) {
        if (channel != null) {
            return Optional.of(channel);
        }
        Object value = payload.get(channelField);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    /**
     * Blocks as a YAML list, or as text holding a JSON array (as Slack's Block Kit Builder writes it). The schema
     * checks the shape of a list; inside text, only here can it be seen.
     */
    private static MessageTemplate blocks(JsonNode value, SyncDefinition sync, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        JsonNode blocks = value;
        if (value.isTextual()) {
            try {
                blocks = JSON.readTree(value.asText());
            } catch (JsonProcessingException e) {
                problems.add(new Problem("slack.blocks", "is not valid JSON: " + e.getOriginalMessage()));
                return null;
            }
            if (!isBlockList(blocks, problems)) {
                return null;
            }
        }
        return MessageTemplate.parse(blocks.toString(), name -> mappedField(sync, name), "slack.blocks", problems);
    }

    private static boolean isBlockList(JsonNode blocks, List<Problem> problems) {
        int before = problems.size();
        if (blocks == null || !blocks.isArray() || blocks.isEmpty()) {
            problems.add(new Problem("slack.blocks", "must be a non-empty list of Block Kit blocks"));
            return false;
        }
        if (blocks.size() > MAX_BLOCKS) {
            problems.add(new Problem("slack.blocks", blocks.size() + " blocks; Slack takes at most " + MAX_BLOCKS
                    + " per message"));
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!blocks.get(i).isObject() || !blocks.get(i).path("type").isTextual()) {
                problems.add(new Problem("slack.blocks[" + i + "]", "must be a block with a type, such as "
                        + "{type: section, text: {type: mrkdwn, text: \"...\"}}"));
            }
        }
        return problems.size() == before;
    }

    /** A placeholder or channel_column names a mapped field, or a mapped column (in any letter case). */
    private static Optional<String> mappedField(SyncDefinition sync, String name) {
        return sync.mapping().stream().filter(mapping -> mapping.field().equals(name)).findFirst()
                .or(() -> sync.mapping().stream().filter(mapping -> mapping.column().equalsIgnoreCase(name))
                        .findFirst())
                .map(FieldMapping::field);
    }
}
