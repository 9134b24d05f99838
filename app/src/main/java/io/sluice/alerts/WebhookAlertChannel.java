package io.sluice.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Alerts POSTed as JSON to {@code sluice.alerts.webhook.url}, for whatever pages the person on call:
 * {@code {"sync", "kind", "state": "ALERT"|"RECOVERED", "message", "at"}}.
 */
@Component
@ConditionalOnProperty(name = "sluice.alerts.webhook.url")
class WebhookAlertChannel implements AlertChannel {

    private final AlertProperties.Webhook webhook;
    private final ObjectMapper json;
    private final HttpClient client;

    WebhookAlertChannel(AlertProperties properties, ObjectMapper json) {
        this.webhook = properties.webhook();
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(webhook.connectTimeout()).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Alert alert) {
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(webhook.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("webhook unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to the webhook", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private String body(Alert alert) {
        try {
            return json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
