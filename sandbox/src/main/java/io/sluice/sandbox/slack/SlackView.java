package io.sluice.sandbox.slack;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.slack.SlackSandbox.PostedMessage;

/** The channels and the latest messages, and every message as JSON at {@code /sandbox/messages[?channel=#sales]}. */
final class SlackView extends SandboxView {

    static final String BANNER = "Sluice local Slack sandbox — not a real Slack workspace";
    private static final int LATEST = 50;

    private final Workspace workspace;

    SlackView(Workspace workspace, ObjectMapper json) {
        super(BANNER, READ_ONLY, json);
        this.workspace = workspace;
    }

    @Override
    protected String overview() {
        List<PostedMessage> messages = workspace.messages();
        StringBuilder html = new StringBuilder()
                .append("<p>An in-memory stand-in for Slack's Web API (chat.postMessage) and an incoming webhook, ")
                .append("used by Sluice's demo and tests. Messages posted here live only as long as this process and ")
                .append("never reach Slack. As JSON: ").append(link("messages", PATH + "/messages"))
                .append(".</p><h2>Channels</h2>")
                .append(list(workspace.channels().stream().map(channel -> describe(channel, messages)).toList()))
                .append("<h2>Latest messages</h2><ol reversed>");
        for (int i = messages.size() - 1; i >= Math.max(0, messages.size() - LATEST); i--) {
            PostedMessage message = messages.get(i);
            html.append("<li><b>").append(escape(message.channel())).append("</b> ")
                    .append(escape(message.receivedAt().toString())).append(" via ").append(message.via())
                    .append("<br>").append(escape(String.valueOf(message.text())));
            if (!message.blocks().isEmpty()) {
                html.append("<pre>").append(escape(message.blocks().toPrettyString())).append("</pre>");
            }
            html.append("</li>");
        }
        return html.append("</ol>").toString();
    }

    @Override
    protected Reply answer(String method, List<String> page, Map<String, String> query, byte[] body)
            throws IOException {
        if (!method.equals("GET") || !page.equals(List.of("messages"))) {
            return null;
        }
        String channel = query.get("channel");
        List<PostedMessage> messages = workspace.messages().stream()
                .filter(message -> channel == null || message.channel().equalsIgnoreCase(channel)
                        || message.channelId().equals(channel))
                .toList();
        return json(200, Map.of("sandbox", BANNER, "messages", messages));
    }

    private static String describe(Workspace.Channel channel, List<PostedMessage> messages) {
        long posted = messages.stream().filter(message -> message.channelId().equals(channel.id())).count();
        return escape(channel.displayName()) + " (" + channel.id() + "): " + count(posted, "message")
                + (channel.archived() ? ", archived" : "") + (channel.botIsMember() ? "" : ", the bot is not a member");
    }
}
