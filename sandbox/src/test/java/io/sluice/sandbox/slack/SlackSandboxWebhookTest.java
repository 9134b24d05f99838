package io.sluice.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.slack.SlackSandboxHttp.Reply;

class SlackSandboxWebhookTest {

    private final SlackSandbox sandbox = SlackSandbox.start(0);
    private final SlackSandboxHttp http = new SlackSandboxHttp(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aMessageGoesToTheWebhooksChannelWhateverThePayloadSays() {
        Reply reply = webhook("{\"channel\":\"#sales\",\"text\":\"Deploy done\","
                + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Deploy* done\"}}]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("ok");
        assertThat(sandbox.messages()).singleElement().satisfies(message -> {
            assertThat(message.channel()).isEqualTo("#general");
            assertThat(message.text()).isEqualTo("Deploy done");
            assertThat(message.blocks().get(0).path("text").path("text").asText()).isEqualTo("*Deploy* done");
            assertThat(message.via()).isEqualTo(SlackSandbox.VIA_WEBHOOK);
        });
        assertThat(sandbox.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo(SlackSandbox.WEBHOOK_PATH);
            assertThat(request.headers()).containsEntry("content-type", "application/json");
            assertThat(request.arguments()).containsEntry("text", "Deploy done");
            assertThat(request.status()).isEqualTo(200);
        });
    }

    @Test
    void badPayloadsAreRefusedInPlainTextWith400() {
        Reply notJson = webhook("text=hello");
        Reply noText = webhook("{\"username\":\"sluice\"}");
        Reply badBlocks = webhook("{\"text\":\"t\",\"blocks\":[{\"type\":\"section\"}]}");
        Reply tooLong = webhook("{\"text\":\"" + "x".repeat(40_001) + "\"}");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text()).isEqualTo("invalid_payload");
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.text()).isEqualTo("no_text");
        assertThat(badBlocks.status()).isEqualTo(400);
        assertThat(badBlocks.text()).isEqualTo("invalid_blocks");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text()).isEqualTo("msg_too_long");
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void theWebhooksChannelArchivedOrDeletedRefusesEveryMessage() {
        sandbox.archiveChannel("#general");
        Reply archived = webhook("{\"text\":\"t\"}");
        sandbox.deleteChannel("#general");
        Reply deleted = webhook("{\"text\":\"t\"}");

        assertThat(archived.status()).isEqualTo(410);
        assertThat(archived.text()).isEqualTo("channel_is_archived");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.text()).isEqualTo("channel_not_found");
    }

    @Test
    void anUnknownWebhookUrlIsNoService() {
        Reply reply = http.webhook("/services/T000/B000/WRONG", "{\"text\":\"t\"}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text()).isEqualTo("no_service");
    }

    @Test
    void injectedFaultsAnswerInTheWebhooksPlainTextShape() {
        sandbox.failNextPosts(1, 403);
        Reply prohibited = webhook("{\"text\":\"t\"}");
        sandbox.failNextPosts(1, 500);
        Reply rollup = webhook("{\"text\":\"t\"}");
        sandbox.failNextPosts(1, 429);
        Reply throttled = webhook("{\"text\":\"t\"}");
        Reply healthy = webhook("{\"text\":\"t\"}");

        assertThat(prohibited.status()).isEqualTo(403);
        assertThat(prohibited.text()).isEqualTo("action_prohibited");
        assertThat(rollup.status()).isEqualTo(500);
        assertThat(rollup.text()).isEqualTo("rollup_error");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(healthy.status()).isEqualTo(200);
        assertThat(sandbox.requests()).extracting(SlackSandbox.RecordedRequest::error)
                .containsExactly("action_prohibited", "rollup_error", "rate_limited", null);
    }

    private Reply webhook(String body) {
        return http.webhook(SlackSandbox.WEBHOOK_PATH, body);
    }
}
