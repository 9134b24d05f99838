package io.sluice.destinations.http;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.EventIdentifiers;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.destinations.http.Template.Kind;
import io.sluice.destinations.http.Template.Placeholder;

/**
 * Turns a batch into the requests its sync file describes: URLs with the record's values
 * percent-encoded, headers with secrets filled in, JSON bodies with values escaped.
 */
@Component
class HttpRequests {

    static final String JSON_CONTENT = "application/json";

    private final HttpDestination destination;
    private final HttpConnections connections;
    private final ObjectMapper json;

    HttpRequests(HttpDestination destination, HttpConnections connections, ObjectMapper json) {
        this.destination = destination;
        this.connections = connections;
        this.json = json;
    }

    /** Body out: the calls of an upsert batch, in record order. */
    List<HttpCall> upserts(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        HttpSettings settings = destination.settings(batch.sync());
        HttpConnections account = connections.of(batch.sync());
        if (!settings.perRecord()) {
            // a batch is never of events (append sends a call per event): no {{event_id}} to fill in
            List<String> bodies = batch.records().stream().map(record -> recordBody(settings, record, null)).toList();
            String body = settings.batchBody().render(placeholder -> "[" + String.join(",", bodies) + "]");
            return List.of(new HttpCall.Request(settings.call().method(), url(account, settings.call(), null),
                    headers(account, settings, true, null), body, bodies.size(), false, false, false));
        }
        List<HttpCall> calls = new ArrayList<>(batch.records().size());
        for (OutboundRecord record : batch.records()) {
            // the diff carries the id the destination gave a record delivered before
            boolean creates = settings.create().isPresent() && record.destinationId() == null;
            HttpSettings.Call call = creates ? settings.create().get() : settings.call();
            calls.add(perRecord(account, call, batch.sync().name(), record, settings, true, creates));
        }
        return calls;
    }

    /** Body out: one call per record that left the model. */
    List<HttpCall> deletes(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        HttpSettings settings = destination.settings(batch.sync());
        HttpSettings.Call delete = settings.delete().orElseThrow(() ->
                new IllegalStateException("sync '" + batch.sync().name() + "' has no http.delete"));
        HttpConnections account = connections.of(batch.sync());
        return batch.records().stream()
                .map(record -> perRecord(account, delete, batch.sync().name(), record, settings, false, false))
                .toList();
    }

    /**
     * Body in: a request. The message becomes exactly that request for camel-http: its headers and no
     * others (whatever the exchange carried would otherwise be sent along), its URL, method and body.
     */
    void prepare(Exchange exchange) {
        HttpCall.Request request = exchange.getMessage().getBody(HttpCall.Request.class);
        exchange.setProperty(HttpRoutes.REQUEST, request);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        request.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_URI, request.url());
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setBody(request.body());
    }

    private HttpCall perRecord(HttpConnections account, HttpSettings.Call call, String sync, OutboundRecord record,
                               HttpSettings settings, boolean withBody, boolean creates) {
        String url;
        try {
            url = url(account, call, record);
        } catch (MissingValue missing) {
            return new HttpCall.Refused(RecordOutcome.rejected("MISSING_URL_VALUE", missing.getMessage()));
        }
        String eventId = EventIdentifiers.of(sync, record.key());
        return new HttpCall.Request(call.method(), url, headers(account, settings, withBody, eventId),
                withBody ? recordBody(settings, record, eventId) : null, 1, true, creates, !withBody);
    }

    /** @param account the endpoints and secrets of the sync's connection */
    private String url(HttpConnections account, HttpSettings.Call call, OutboundRecord record) {
        return call.url().render(placeholder -> switch (placeholder.reference().kind()) {
            case CONFIG -> baseUrl(account.endpoint(placeholder.reference().name()).orElseThrow());
            case DESTINATION_ID -> encodeUrlValue(placeholder, record.destinationId());
            case FIELD -> encodeUrlValue(placeholder, record.payload().get(placeholder.reference().name()));
            default -> throw new IllegalStateException(placeholder.reference() + " in a URL");
        });
    }

    /** @param eventId the idempotency identifier of the record a call per record sends; null for a batch */
    private Map<String, String> headers(HttpConnections account, HttpSettings settings, boolean withBody,
                                        String eventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (withBody && settings.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.put("Content-Type", JSON_CONTENT);
        }
        settings.headers().forEach((name, template) -> headers.put(name, template.render(placeholder ->
                switch (placeholder.reference().kind()) {
                    case SECRET -> account.secret(placeholder.reference().name()).orElseThrow();
                    case CONFIG -> baseUrl(account.endpoint(placeholder.reference().name()).orElseThrow());
                    case EVENT_ID -> eventId;
                    default -> throw new IllegalStateException(placeholder.reference() + " in a header");
                })));
        return headers;
    }

    /** The record's body template filled in, or without one, its payload as a JSON object. */
    private String recordBody(HttpSettings settings, OutboundRecord record, String eventId) {
        return settings.body()
                .map(template -> template.render(placeholder -> jsonValue(placeholder,
                        placeholder.reference().kind() == Kind.EVENT_ID ? eventId
                                : record.payload().get(placeholder.reference().name()))))
                .orElseGet(() -> write(record.payload()));
    }

    /** Outside quotes a whole JSON value; inside quotes the value as escaped text (null as nothing). */
    private String jsonValue(Placeholder placeholder, Object value) {
        if (!placeholder.inJsonString()) {
            return write(value);
        }
        if (value == null) {
            return "";
        }
        String text = value instanceof String || value instanceof Number || value instanceof Boolean
                ? plainText(value) : write(value);
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A base URL as configured, without a trailing slash: templates write the slash themselves. */
    static String baseUrl(URI endpoint) {
        String url = endpoint.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encodeUrlValue(Placeholder placeholder, Object value) {
        String text = value == null ? "" : plainText(value);
        if (text.isEmpty()) {
            throw new MissingValue(placeholder.reference() + " is empty for this record, and the URL needs it");
        }
        return percentEncode(text);
    }

    private static String plainText(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }

    /** Everything but RFC 3986's unreserved characters, so a value stays one path segment or query value. */
    static String percentEncode(String text) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                encoded.write(c);
            } else {
                encoded.writeBytes(String.format("%%%02X", b & 0xFF).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return encoded.toString(StandardCharsets.US_ASCII);
    }

    private static final class MissingValue extends RuntimeException {
        MissingValue(String message) {
            super(message, null, false, false);
        }
    }
}
