package io.sluice.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * The pages at {@code /sandbox} for people trying the demo. Each carries the sandbox's banner so nobody
 * mistakes it for the vendor; they need no credentials, so they never show any; and they are not API traffic:
 * nothing here is recorded or counts against a limit. {@code GET /sandbox} is an HTML overview, and a vendor's
 * view answers its own pages below it.
 */
public abstract class SandboxView implements SandboxHandler {

    public static final String PATH = "/sandbox";
    protected static final String READ_ONLY = "The sandbox view is read-only: GET " + PATH;

    private static final String HTML = "text/html;charset=UTF-8";

    /** What a page answers. */
    protected record Reply(int status, String contentType, byte[] body) {

        public static Reply text(int status, String text) {
            return new Reply(status, SandboxExchanges.TEXT, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final String banner;
    private final String notAllowed;
    private final ObjectMapper mapper;

    /** @param notAllowed the answer to a method no page takes: {@link #READ_ONLY}, or which changes the view allows */
    protected SandboxView(String banner, String notAllowed, ObjectMapper mapper) {
        this.banner = banner;
        this.notAllowed = notAllowed;
        this.mapper = mapper;
    }

    /** The overview's HTML below the banner: what the sandbox holds, linking to its pages. */
    protected abstract String overview();

    /**
     * @param page  the path below {@code /sandbox}, never empty for a {@code GET}
     * @param query the decoded query string
     * @return the page's answer, or null where the view has no such page for that method
     */
    protected abstract Reply answer(String method, List<String> page, Map<String, String> query, byte[] body)
            throws IOException;

    @Override
    public final void handle(HttpExchange exchange, byte[] body) throws IOException {
        Reply reply;
        try {
            reply = reply(exchange.getRequestMethod(), exchange.getRequestURI(), body);
        } catch (RuntimeException bug) {
            reply = Reply.text(500, "Sandbox failure: " + bug);
        }
        SandboxExchanges.send(exchange, reply.status(), reply.contentType(), reply.body());
    }

    private Reply reply(String method, URI uri, byte[] body) throws IOException {
        List<String> segments = SandboxExchanges.pathSegments(uri.getRawPath());
        // the JDK server may hand this view any path that merely starts with /sandbox, such as /sandboxes
        Reply reply = !segments.get(0).equals("sandbox") ? null
                : segments.size() == 1 && method.equals("GET")
                ? new Reply(200, HTML, html().getBytes(StandardCharsets.UTF_8))
                : answer(method, segments.subList(1, segments.size()), SandboxExchanges.parseForm(uri.getRawQuery()),
                        body);
        if (reply != null) {
            return reply;
        }
        return method.equals("GET") ? Reply.text(404, "Not found. Try " + PATH) : Reply.text(405, notAllowed);
    }

    private String html() {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + banner + "</title></head><body><h1>"
                + banner + "</h1>" + overview() + "</body></html>";
    }

    protected final ObjectMapper mapper() {
        return mapper;
    }

    protected final Reply json(int status, Object body) throws JsonProcessingException {
        return new Reply(status, SandboxExchanges.JSON, mapper.writeValueAsBytes(body));
    }

    protected static String link(String page, String label) {
        return "<a href=\"" + PATH + "/" + page + "\">" + escape(label) + "</a>";
    }

    protected static String list(List<String> items) {
        return items.stream().map(item -> "<li>" + item + "</li>").collect(Collectors.joining("", "<ul>", "</ul>"));
    }

    /** {@code 1 record}, {@code 2 records}. */
    protected static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** What a client sent (a message, a name) is shown as text, never run as markup. */
    protected static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
