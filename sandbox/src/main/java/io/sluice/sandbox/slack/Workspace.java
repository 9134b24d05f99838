package io.sluice.sandbox.slack;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.sluice.sandbox.slack.SlackSandbox.PostedMessage;

/** The workspace's channels and the messages posted to them. */
final class Workspace {

    /** The demo's channels; the incoming webhook posts to the first. */
    static final List<String> DEFAULT_CHANNELS = List.of("general", "sales", "sluice-alerts");
    /** Bounds memory when the sandbox serves a long-running demo; tests look at far fewer messages. */
    private static final int MAX_MESSAGES = 10_000;

    record Channel(String id, String name, boolean botIsMember, boolean archived) {

        String displayName() {
            return "#" + name;
        }
    }

    private final Clock clock;
    private final Map<String, Channel> channelsByName = new LinkedHashMap<>();
    private final List<PostedMessage> messages = new ArrayList<>();
    private int channelSequence;
    private long messageSequence;

    Workspace(Clock clock) {
        this.clock = clock;
        reset();
    }

    /** By {@code #name}, {@code name} or ID, as {@code chat.postMessage} accepts a channel. */
    synchronized Optional<Channel> find(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        String name = normalize(reference);
        Channel byName = channelsByName.get(name);
        if (byName != null) {
            return Optional.of(byName);
        }
        return channelsByName.values().stream().filter(channel -> channel.id().equals(reference)).findFirst();
    }

    synchronized Channel add(String name, boolean botIsMember) {
        String normalized = normalize(name);
        Channel existing = channelsByName.get(normalized);
        String id = existing != null ? existing.id() : "CSBX" + String.format("%06d", ++channelSequence);
        Channel channel = new Channel(id, normalized, botIsMember, false);
        channelsByName.put(normalized, channel);
        return channel;
    }

    synchronized void archive(String name) {
        Channel channel = require(name);
        channelsByName.put(channel.name(), new Channel(channel.id(), channel.name(), channel.botIsMember(), true));
    }

    synchronized void delete(String name) {
        channelsByName.remove(require(name).name());
    }

    synchronized List<Channel> channels() {
        return List.copyOf(channelsByName.values());
    }

    synchronized PostedMessage post(Channel channel, String text, JsonNode blocks, String via) {
        if (messages.size() == MAX_MESSAGES) {
            messages.remove(0);
        }
        long seconds = clock.instant().getEpochSecond();
        PostedMessage message = new PostedMessage(channel.displayName(), channel.id(),
                String.format("%d.%06d", seconds, ++messageSequence % 1_000_000), text, blocks, via, clock.instant());
        messages.add(message);
        return message;
    }

    synchronized List<PostedMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized void reset() {
        channelsByName.clear();
        messages.clear();
        DEFAULT_CHANNELS.forEach(name -> add(name, true));
    }

    private Channel require(String name) {
        Channel channel = channelsByName.get(normalize(name));
        if (channel == null) {
            throw new IllegalArgumentException("The sandbox has no channel " + name);
        }
        return channel;
    }

    private static String normalize(String reference) {
        return (reference.startsWith("#") ? reference.substring(1) : reference).toLowerCase(Locale.ROOT);
    }
}
