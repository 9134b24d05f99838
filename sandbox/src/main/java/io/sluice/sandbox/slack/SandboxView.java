package io.sluice.sandbox.slack;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.sluice.sandbox.slack.SlackSandbox.PostedMessage;
import io.sluice.sandbox.SandboxExchanges;

/**
 * A view for people trying the demo, labelled so nobody mistakes it for a real workspace: {@code GET /sandbox}
 * lists the channels and the latest messages, {@code GET /sandbox/messages[?channel=#sales]} gives them as JSON.
 * It needs no token and is not recorded as traffic.
 */
final class SandboxView implements HttpHandler {

    static final String PATH = "/sandbox";
    static final String BANNER = "Sluice local Slack sandbox — not a real Slack workspace";
    private static final int LATEST = 50;

    private final Workspace workspace;
    private final ObjectMapper json;

    SandboxView(Workspace workspace, ObjectMapper json) {
        this.workspace = workspace;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            SandboxExchanges.readBody(exchange);
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                SandboxExchanges.send(exchange, 405, SandboxExchanges.TEXT, "The sandbox view is read-only: GET " + PATH);
            } else if (path.equals(PATH) || path.equals(PATH + "/")) {
                SandboxExchanges.send(exchange, 200, "text/html; charset=utf-8", overview());
            } else if (path.equals(PATH + "/messages")) {
                String channel = SandboxExchanges.parseForm(exchange.getRequestURI().getRawQuery()).get("channel");
                List<PostedMessage> messages = workspace.messages().stream()
                        .filter(message -> channel == null || message.channel().equalsIgnoreCase(channel)
                                || message.channelId().equals(channel))
                        .toList();
                SandboxExchanges.send(exchange, 200, SandboxExchanges.JSON, json.writeValueAsString(Map.of(
                        "sandbox", BANNER, "messages", messages)));
            } else {
                SandboxExchanges.send(exchange, 404, SandboxExchanges.TEXT, "Not found. Try " + PATH);
            }
        } finally {
            exchange.close();
        }
    }

    private String overview() {
        List<PostedMessage> messages = workspace.messages();
        StringBuilder html = new StringBuilder()
                .append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(BANNER)
                .append("</title></head><body><h1>").append(BANNER).append("</h1>")
                .append("<p>An in-memory stand-in for Slack's Web API (chat.postMessage) and an incoming webhook, ")
                .append("used by Sluice's demo and tests. Messages posted here live only as long as this process and ")
                .append("never reach Slack. As JSON: <a href=\"").append(PATH).append("/messages\">")
                .append(PATH).append("/messages</a>.</p><h2>Channels</h2><ul>");
        for (Workspace.Channel channel : workspace.channels()) {
            long count = messages.stream().filter(message -> message.channelId().equals(channel.id())).count();
            html.append("<li>").append(escape(channel.displayName())).append(" (").append(channel.id()).append("): ")
                    .append(count).append(count == 1 ? " message" : " messages")
                    .append(channel.archived() ? ", archived" : "")
                    .append(channel.botIsMember() ? "" : ", the bot is not a member").append("</li>");
        }
        html.append("</ul><h2>Latest messages</h2><ol reversed>");
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
        return html.append("</ol></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
