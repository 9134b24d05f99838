package io.sluice.destinations.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.destinations.Destination.Problem;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;

/**
 * A sync file's {@code slack:} block, checked against its mapping and the configured connection.
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
                     boolean sendsFirstRun) {

    /** Slack's limit per message. */
    private static final int MAX_BLOCKS = 50;

    /**
     * A channel name, a channel or user ID, or an {@code @user}. Channel names from a column end up in an
     * endpoint URI, so nothing else may pass.
     */
    static final Pattern CHANNEL = Pattern.compile("[#@]?[\\p{L}\\p{N}._-]{1,80}");

    private static final Set<String> KEYS = Set.of("channel", "channel_column", "text", "blocks", "initial_run");
    private static final Set<String> INITIAL_RUNS = Set.of("send", "skip");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Settings already checked at load. */
    static SlackSettings of(SyncDefinition sync, SlackConnection.Mode mode) {
        List<Problem> problems = new ArrayList<>();
        SlackSettings settings = read(sync, mode, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Sync '" + sync.name() + "' has invalid Slack settings: " + problems);
        }
        return settings;
    }

    /** Every problem of the block goes to {@code problems}; the settings are only meaningful without any. */
    static SlackSettings read(SyncDefinition sync, SlackConnection.Mode mode, List<Problem> problems) {
        Map<String, Object> block = sync.settings();
        block.keySet().stream().filter(key -> !KEYS.contains(key)).forEach(key ->
                problems.add(new Problem("slack." + key, "unknown setting; expected one of " + new TreeSet<>(KEYS))));

        String channel = text(block, "channel", problems);
        String channelColumn = text(block, "channel_column", problems);
        String channelField = null;
        if (channel != null && channelColumn != null) {
            problems.add(new Problem("slack.channel", "set channel or channel_column, not both"));
        } else if (block.get("channel") == null && block.get("channel_column") == null) {
            problems.add(new Problem("slack.channel", "is missing: a channel such as \"#sales\", or channel_column "
                    + "naming a mapped column that holds each row's channel"));
        }
        if (channel != null && !CHANNEL.matcher(channel).matches()) {
            problems.add(new Problem("slack.channel", "'" + channel + "' is not a Slack channel: #name, a channel "
                    + "ID or @user"));
        }
        if (channelColumn != null) {
            if (mode == SlackConnection.Mode.WEBHOOK) {
                problems.add(new Problem("slack.channel_column", "an incoming webhook posts only to its own channel; "
                        + "a channel per row needs a bot token (sluice.slack.token)"));
            }
            channelField = mappedField(sync, channelColumn).orElse(null);
            if (channelField == null) {
                problems.add(new Problem("slack.channel_column", "'" + channelColumn + "' is not a mapped column"));
            }
        }

        String textSource = text(block, "text", problems);
        MessageTemplate text = null;
        if (textSource != null && textSource.isBlank()) {
            problems.add(new Problem("slack.text", "is empty"));
        } else if (textSource != null) {
            text = MessageTemplate.parse(textSource, name -> mappedField(sync, name), "slack.text", problems);
        }
        MessageTemplate blocks = blocks(block.get("blocks"), sync, problems);
        if (block.get("text") == null && block.get("blocks") == null) {
            problems.add(new Problem("slack.text", "is missing: the message, such as \"New hot lead {{email}}\" "
                    + "(or blocks: Block Kit blocks)"));
        }

        String initialRun = text(block, "initial_run", problems);
        if (initialRun != null && !INITIAL_RUNS.contains(initialRun)) {
            problems.add(new Problem("slack.initial_run", "'" + initialRun + "' is neither send (post a message per "
                    + "existing row on the first run) nor skip (the default: the first run posts nothing)"));
        }
        return new SlackSettings(channel, channelField, text, blocks, "send".equals(initialRun));
    }

    /** The record's channel: the fixed one, or its value of the channel column. */
    Optional<String> channelOf(Map<String, Object> payload) {
        if (channel != null) {
            return Optional.of(channel);
        }
        Object value = payload.get(channelField);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    /** Blocks as a YAML list, or as text holding a JSON array (as Slack's Block Kit Builder writes it). */
    private static MessageTemplate blocks(Object value, SyncDefinition sync, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        JsonNode blocks;
        try {
            blocks = value instanceof String json ? JSON.readTree(json) : JSON.valueToTree(value);
        } catch (JsonProcessingException e) {
            problems.add(new Problem("slack.blocks", "is not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
        if (blocks == null || !blocks.isArray() || blocks.isEmpty()) {
            problems.add(new Problem("slack.blocks", "must be a non-empty list of Block Kit blocks"));
            return null;
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
        return MessageTemplate.parse(blocks.toString(), name -> mappedField(sync, name), "slack.blocks", problems);
    }

    /** A placeholder or channel_column names a mapped field, or a mapped column (in any letter case). */
    private static Optional<String> mappedField(SyncDefinition sync, String name) {
        return sync.mapping().stream().filter(mapping -> mapping.field().equals(name)).findFirst()
                .or(() -> sync.mapping().stream().filter(mapping -> mapping.column().equalsIgnoreCase(name))
                        .findFirst())
                .map(FieldMapping::field);
    }

    private static String text(Map<String, Object> block, String key, List<Problem> problems) {
        Object value = block.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            problems.add(new Problem("slack." + key, "must be text"));
            return null;
        }
        return text;
    }
}
