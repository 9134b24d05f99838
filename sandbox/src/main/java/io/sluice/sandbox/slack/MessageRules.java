package io.sluice.sandbox.slack;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Slack checks in a message before posting it: some text or blocks, text within 40,000 characters, at
 * most 50 blocks, and blocks that follow Block Kit — for the common block types down to their fields (an
 * unknown field is refused, as Slack does), for the rarer ones only their type. Details are worded as Slack
 * words them, with a JSON pointer.
 */
final class MessageRules {

    static final int MAX_TEXT = 40_000;
    static final int MAX_BLOCKS = 50;
    private static final int MAX_TEXT_OBJECT = 3_000;

    /** Blocks whose fields are checked: type → allowed fields. */
    private static final Map<String, Set<String>> CHECKED_BLOCKS = Map.of(
            "section", Set.of("type", "block_id", "text", "fields", "accessory", "expand"),
            "header", Set.of("type", "block_id", "text"),
            "divider", Set.of("type", "block_id"),
            "context", Set.of("type", "block_id", "elements"),
            "image", Set.of("type", "block_id", "image_url", "slack_file", "alt_text", "title"),
            "actions", Set.of("type", "block_id", "elements"));
    private static final Set<String> OTHER_BLOCKS = Set.of("rich_text", "input", "file", "video", "markdown",
            "call", "table", "context_actions");

    /** Why Slack refuses a message: its error code, and for blocks the details it lists in {@code errors}. */
    record Refusal(String error, List<String> details) {

        static Refusal of(String error) {
            return new Refusal(error, List.of());
        }
    }

    private MessageRules() {
    }

    /**
     * @param text   the text, or null
     * @param blocks the parsed {@code blocks}, or null when absent; unparseable blocks are refused before
     */
    static Optional<Refusal> check(String text, JsonNode blocks) {
        boolean hasBlocks = blocks != null && !(blocks.isArray() && blocks.isEmpty());
        if ((text == null || text.isEmpty()) && !hasBlocks) {
            return Optional.of(Refusal.of("no_text"));
        }
        if (text != null && text.length() > MAX_TEXT) {
            return Optional.of(Refusal.of("msg_too_long"));
        }
        if (blocks == null) {
            return Optional.empty();
        }
        List<String> details = new ArrayList<>();
        if (!blocks.isArray()) {
            details.add("must provide an array [json-pointer:/blocks]");
        } else if (blocks.size() > MAX_BLOCKS) {
            details.add("no more than " + MAX_BLOCKS + " items allowed [json-pointer:/blocks]");
        } else {
            for (int i = 0; i < blocks.size(); i++) {
                checkBlock(blocks.get(i), "/blocks/" + i, details);
            }
        }
        return details.isEmpty() ? Optional.empty() : Optional.of(new Refusal("invalid_blocks", details));
    }

    private static void checkBlock(JsonNode block, String pointer, List<String> details) {
        if (!block.isObject() || !block.path("type").isTextual()) {
            details.add("must provide an object with a type [json-pointer:" + pointer + "]");
            return;
        }
        String type = block.get("type").asText();
        Set<String> allowed = CHECKED_BLOCKS.get(type);
        if (allowed == null) {
            if (!OTHER_BLOCKS.contains(type)) {
                details.add("unsupported type: " + type + " [json-pointer:" + pointer + "]");
            }
            return;
        }
        unknownFields(block, allowed, pointer, details);
        JsonNode blockId = block.get("block_id");
        if (blockId != null && (!blockId.isTextual() || blockId.asText().length() > 255)) {
            details.add("must be a string of at most 255 characters [json-pointer:" + pointer + "/block_id]");
        }
        switch (type) {
            case "section" -> {
                if (!block.has("text") && !block.has("fields")) {
                    details.add("must provide text or fields [json-pointer:" + pointer + "]");
                }
                if (block.has("text")) {
                    checkText(block.get("text"), false, pointer + "/text", details);
                }
                if (block.has("fields")) {
                    checkElements(block.get("fields"), 10, pointer + "/fields", details, true);
                }
            }
            case "header" -> required(block, "text", pointer, details)
                    .ifPresent(text -> checkText(text, true, pointer + "/text", details));
            case "context" -> required(block, "elements", pointer, details)
                    .ifPresent(elements -> checkElements(elements, 10, pointer + "/elements", details, false));
            case "image" -> {
                if (!block.has("image_url") && !block.has("slack_file")) {
                    details.add("missing required field: image_url [json-pointer:" + pointer + "]");
                }
                required(block, "alt_text", pointer, details);
                if (block.has("title")) {
                    checkText(block.get("title"), true, pointer + "/title", details);
                }
            }
            case "actions" -> required(block, "elements", pointer, details)
                    .ifPresent(elements -> checkElements(elements, 25, pointer + "/elements", details, false));
            default -> {
                // a divider has nothing more to check
            }
        }
    }

    /**
     * @param textOnly section fields hold text objects only; context elements may also be images, and action
     *                 elements are interactive elements, checked only for a type
     */
    private static void checkElements(JsonNode elements, int max, String pointer, List<String> details,
                                      boolean textOnly) {
        if (!elements.isArray() || elements.isEmpty() || elements.size() > max) {
            details.add("must provide an array of 1 to " + max + " items [json-pointer:" + pointer + "]");
            return;
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String type = element.path("type").asText("");
            if (textOnly || type.equals("plain_text") || type.equals("mrkdwn")) {
                checkText(element, false, pointer + "/" + i, details);
            } else if (!element.isObject() || type.isEmpty()) {
                details.add("must provide an object with a type [json-pointer:" + pointer + "/" + i + "]");
            }
        }
    }

    private static void checkText(JsonNode text, boolean plainOnly, String pointer, List<String> details) {
        String type = text.path("type").asText("");
        if (!text.isObject() || !(type.equals("plain_text") || (!plainOnly && type.equals("mrkdwn")))) {
            details.add("must provide an object of type " + (plainOnly ? "plain_text" : "plain_text or mrkdwn")
                    + " [json-pointer:" + pointer + "]");
            return;
        }
        unknownFields(text, type.equals("plain_text") ? Set.of("type", "text", "emoji") : Set.of("type", "text",
                "verbatim"), pointer, details);
        JsonNode value = text.path("text");
        if (!value.isTextual() || value.asText().isEmpty()) {
            details.add("must be more than 0 characters [json-pointer:" + pointer + "/text]");
        } else if (value.asText().length() > MAX_TEXT_OBJECT) {
            details.add("must be less than " + (MAX_TEXT_OBJECT + 1) + " characters [json-pointer:" + pointer
                    + "/text]");
        }
    }

    private static Optional<JsonNode> required(JsonNode block, String field, String pointer, List<String> details) {
        if (!block.has(field)) {
            details.add("missing required field: " + field + " [json-pointer:" + pointer + "]");
            return Optional.empty();
        }
        return Optional.of(block.get(field));
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String pointer, List<String> details) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                details.add("invalid additional property: " + name + " [json-pointer:" + pointer + "]");
            }
        }
    }
}
