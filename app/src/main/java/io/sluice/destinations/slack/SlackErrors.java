package io.sluice.destinations.slack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.slack.api.methods.SlackApiException;

import org.apache.camel.CamelExchangeException;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RateLimitedException;
import io.sluice.destinations.RetryAfter;

/**
 * What a failed post means: this message refused, the whole call refused for good, or a failure worth
 * retrying (throttling with the wait Slack asked for).
 *
 * <p>camel-slack 4.17 does not hand back Slack's answer. A Web API {@code "ok":false} (HTTP 200) and an
 * incoming webhook's non-2xx become a {@link CamelExchangeException} whose message is the SDK response's
 * {@code toString()} — the only place Slack's error code, status and {@code Retry-After} survive — so they
 * are read from there. Only HTTP errors of the Web API arrive typed, as the SDK's {@link SlackApiException}.
 */
@Component
class SlackErrors {

    /** Errors about one message (its channel, text or blocks): the next message may well be posted. */
    private static final Set<String> MESSAGE_ERRORS = Set.of(
            "channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "no_text", "invalid_blocks",
            "invalid_blocks_format", "too_many_attachments", "invalid_attachments", "messages_tab_disabled",
            "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
            "restricted_action_non_threadable_channel", "cannot_reply_to_message", "duplicate_channel_not_found",
            "ekm_access_denied", "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large");
    /** Slack's own trouble: the same call may succeed later. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org",
            "message_limit_exceeded");
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");

    private static final Pattern WEB_API_ERROR =
            Pattern.compile("ChatPostMessageResponse\\(ok=false, .*?\\berror=([^,)\\s]+)");
    /** Details may hold brackets themselves; the response's next field closes them. */
    private static final Pattern WEB_API_DETAILS = Pattern.compile("\\berrors=(\\[.*?]), responseMetadata=",
            Pattern.DOTALL);
    private static final Pattern WEBHOOK_STATUS = Pattern.compile("WebhookResponse\\(code=(\\d+)");
    private static final Pattern WEBHOOK_BODY = Pattern.compile(", body=(.*)\\)\\. Exchange\\[", Pattern.DOTALL);
    private static final Pattern WEBHOOK_RETRY_AFTER = Pattern.compile("(?i)\\bretry-after=\\[([^\\]]+)]");

    private final Duration channelPeriod;

    SlackErrors(SlackProperties properties) {
        this.channelPeriod = properties.channelPeriod();
    }

    /**
     * @param failure what camel-slack (or Sluice before sending) threw
     * @param channel where the message was going, for the messages people read
     * @return a {@link SlackMessageRefused} when only this message is at fault, a {@link RateLimitedException}
     *         when Slack asked to slow down, otherwise a transient or permanent {@link DeliveryException}
     */
    DeliveryException classify(Throwable failure, String channel) {
        if (failure instanceof DeliveryException known) {
            return known;
        }
        if (failure instanceof SlackApiException httpError) {
            return webApiHttpError(httpError, channel);
        }
        if (failure instanceof IOException noAnswer) {
            return DeliveryException.forHttpStatus(0, "NO_RESPONSE",
                    "Slack did not answer a message to " + channel + ": " + noAnswer, noAnswer);
        }
        String text = String.valueOf(failure.getMessage());
        Matcher webApi = WEB_API_ERROR.matcher(text);
        if (webApi.find()) {
            return webApiError(webApi.group(1), details(text), channel);
        }
        Matcher webhook = WEBHOOK_STATUS.matcher(text);
        if (webhook.find()) {
            return webhookError(Integer.parseInt(webhook.group(1)), text, channel);
        }
        return new DeliveryException(false, "UNEXPECTED_SLACK_ERROR",
                "Posting to " + channel + " failed: " + text, failure);
    }

    /** An {@code "ok":false} answer of {@code chat.postMessage} (HTTP 200). */
    private DeliveryException webApiError(String error, String details, String channel) {
        String message = "chat.postMessage to " + channel + " answered ok:false, error " + error + details;
        if (MESSAGE_ERRORS.contains(error)) {
            return new SlackMessageRefused(error, message);
        }
        if (RATE_LIMIT_ERRORS.contains(error)) {
            return new RateLimitedException(error, message, channelPeriod);
        }
        // anything else is about the token, the app or the workspace (invalid_auth, missing_scope, ...)
        return new DeliveryException(TRANSIENT_ERRORS.contains(error), error, message, null);
    }

    /** HTTP errors of the Web API; the body is usually {@code {"ok":false,"error":...}}. */
    private DeliveryException webApiHttpError(SlackApiException failure, String channel) {
        int status = failure.getResponse().code();
        String error = failure.getError() != null && failure.getError().getError() != null
                ? failure.getError().getError() : "HTTP_" + status;
        String message = "chat.postMessage to " + channel + " answered HTTP " + status + ": "
                + failure.getResponseBody();
        if (status == 429) {
            return new RateLimitedException(error, message,
                    RetryAfter.parse(failure.getResponse().header("Retry-After"), Instant.now()).orElse(channelPeriod));
        }
        return DeliveryException.forHttpStatus(status, error, message, failure);
    }

    /**
     * An incoming webhook answers errors as plain text with a status. 400 is about the payload; 403, 404 and
     * 410 are about the webhook itself — it is bound to one channel, so its channel being gone or archived, or
     * the app losing its right to post, refuses every message, not this one.
     */
    private DeliveryException webhookError(int status, String text, String channel) {
        Matcher bodyMatch = WEBHOOK_BODY.matcher(text);
        String body = bodyMatch.find() ? bodyMatch.group(1).trim() : "";
        String error = body.isEmpty() || body.contains(" ") ? "HTTP_" + status : body;
        String message = "The incoming webhook for " + channel + " answered HTTP " + status + ": " + body;
        if (status == 429) {
            Matcher retryAfter = WEBHOOK_RETRY_AFTER.matcher(text);
            String asked = retryAfter.find() ? retryAfter.group(1) : null;
            return new RateLimitedException(error, message,
                    RetryAfter.parse(asked, Instant.now()).orElse(channelPeriod));
        }
        if (status == 400) {
            return new SlackMessageRefused(error, message);
        }
        return DeliveryException.forHttpStatus(status, error, message, null);
    }

    private static String details(String text) {
        Matcher details = WEB_API_DETAILS.matcher(text);
        return details.find() ? " " + details.group(1) : "";
    }
}
