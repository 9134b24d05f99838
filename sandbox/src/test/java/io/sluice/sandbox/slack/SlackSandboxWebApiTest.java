package io.sluice.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.slack.SlackSandboxHttp.Reply;

class SlackSandboxWebApiTest {

    private final SlackSandbox sandbox = SlackSandbox.start(0);
    private final SlackSandboxHttp http = new SlackSandboxHttp(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void authTestNamesTheTeamAndTheBotForAValidTokenOnly() {
        Reply valid = http.form("auth.test", SlackSandbox.DEMO_BOT_TOKEN, Map.of());
        Reply wrong = http.form("auth.test", "xoxb-not-a-real-token", Map.of());
        Reply missing = http.form("auth.test", null, Map.of());

        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body().path("ok").asBoolean()).isTrue();
        assertThat(valid.body().path("team_id").asText()).isEqualTo("T000");
        assertThat(valid.body().path("user_id").asText()).isEqualTo("U000");
        assertThat(wrong.status()).as("Slack answers auth errors with HTTP 200").isEqualTo(200);
        assertThat(wrong.body().path("ok").asBoolean()).isFalse();
        assertThat(wrong.error()).isEqualTo("invalid_auth");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.error()).isEqualTo("not_authed");
    }

    @Test
    void aPostedMessageIsHeldWithItsChannelTextAndBlocksAndAnsweredWithChannelIdAndTs() {
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Ada* at Acme\"}}]";

        Reply reply = http.postMessage(Map.of("channel", "#sales", "text", "Ada at Acme", "blocks", blocks));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("ok").asBoolean()).isTrue();
        assertThat(reply.body().path("channel").asText()).startsWith("C");
        assertThat(reply.body().path("ts").asText()).matches("\\d+\\.\\d{6}");
        assertThat(reply.body().path("message").path("text").asText()).isEqualTo("Ada at Acme");
        assertThat(sandbox.messages("#sales")).singleElement().satisfies(message -> {
            assertThat(message.channel()).isEqualTo("#sales");
            assertThat(message.channelId()).isEqualTo(reply.body().path("channel").asText());
            assertThat(message.ts()).isEqualTo(reply.body().path("ts").asText());
            assertThat(message.text()).isEqualTo("Ada at Acme");
            assertThat(message.blocks().get(0).path("text").path("text").asText()).isEqualTo("*Ada* at Acme");
            assertThat(message.via()).isEqualTo(SlackSandbox.VIA_WEB_API);
        });
        assertThat(sandbox.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/chat.postMessage");
            assertThat(request.headers()).containsEntry("authorization", "Bearer " + SlackSandbox.DEMO_BOT_TOKEN)
                    .containsEntry("content-type", "application/x-www-form-urlencoded");
            assertThat(request.arguments()).containsEntry("channel", "#sales").containsEntry("blocks", blocks);
            assertThat(request.status()).isEqualTo(200);
            assertThat(request.error()).isNull();
        });
    }

    @Test
    void aChannelIsFoundByNameWithOrWithoutHashAndById() {
        sandbox.setChannelRateLimit(3, Duration.ofSeconds(1));
        String id = http.postMessage(Map.of("channel", "#sales", "text", "one")).body().path("channel").asText();

        assertThat(http.postMessage(Map.of("channel", "SALES", "text", "two")).body().path("ok").asBoolean()).isTrue();
        assertThat(http.postMessage(Map.of("channel", id, "text", "three")).body().path("ok").asBoolean()).isTrue();
        assertThat(sandbox.messages("sales")).extracting(SlackSandbox.PostedMessage::text)
                .containsExactly("one", "two", "three");
    }

    @Test
    void theTokenMayComeAsAFormFieldButNotInAJsonBody() {
        Reply formField = http.form("chat.postMessage", null,
                Map.of("token", SlackSandbox.DEMO_BOT_TOKEN, "channel", "#sales", "text", "by form field"));
        Reply jsonBearer = http.json("chat.postMessage", "Bearer " + SlackSandbox.DEMO_BOT_TOKEN,
                Map.of("channel", "#general", "text", "by JSON"));
        Reply jsonBodyToken = http.json("chat.postMessage", null,
                Map.of("token", SlackSandbox.DEMO_BOT_TOKEN, "channel", "#general", "text", "token in JSON"));

        assertThat(formField.body().path("ok").asBoolean()).isTrue();
        assertThat(jsonBearer.body().path("ok").asBoolean()).isTrue();
        assertThat(jsonBodyToken.error()).isEqualTo("not_authed");
        assertThat(sandbox.messages()).extracting(SlackSandbox.PostedMessage::text)
                .containsExactly("by form field", "by JSON");
    }

    @Test
    void aBadTokenPostsNothing() {
        Reply reply = http.form("chat.postMessage", "xoxb-revoked", Map.of("channel", "#sales", "text", "hi"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.error()).isEqualTo("invalid_auth");
        assertThat(sandbox.messages()).isEmpty();
        assertThat(sandbox.requests()).singleElement().satisfies(request ->
                assertThat(request.error()).isEqualTo("invalid_auth"));
    }

    @Test
    void channelsThatDoNotExistAreArchivedOrLackTheBotAreRefusedWithSlacksCodes() {
        sandbox.addChannel("#ops");
        sandbox.archiveChannel("#ops");
        sandbox.addChannelWithoutBot("#private-deals");

        assertThat(http.postMessage(Map.of("channel", "#nope", "text", "x")).error()).isEqualTo("channel_not_found");
        assertThat(http.postMessage(Map.of("text", "no channel at all")).error()).isEqualTo("channel_not_found");
        assertThat(http.postMessage(Map.of("channel", "#ops", "text", "x")).error()).isEqualTo("is_archived");
        assertThat(http.postMessage(Map.of("channel", "#private-deals", "text", "x")).error())
                .isEqualTo("not_in_channel");
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void textUpTo40000CharactersIsPostedAndLongerTextRefused() {
        Reply longest = http.postMessage(Map.of("channel", "#sales", "text", "x".repeat(40_000)));
        Reply tooLong = http.postMessage(Map.of("channel", "#general", "text", "x".repeat(40_001)));
        Reply empty = http.postMessage(Map.of("channel", "#general"));

        assertThat(longest.body().path("ok").asBoolean()).isTrue();
        assertThat(tooLong.error()).isEqualTo("msg_too_long");
        assertThat(empty.error()).isEqualTo("no_text");
        assertThat(sandbox.messages()).hasSize(1);
    }

    @Test
    void fiftyBlocksArePostedAndFiftyOneRefused() {
        String divider = "{\"type\":\"divider\"}";

        Reply fifty = http.postMessage(Map.of("channel", "#sales", "text", "t",
                "blocks", "[" + String.join(",", Collections.nCopies(50, divider)) + "]"));
        Reply fiftyOne = http.postMessage(Map.of("channel", "#sales", "text", "t",
                "blocks", "[" + String.join(",", Collections.nCopies(51, divider)) + "]"));

        assertThat(fifty.body().path("ok").asBoolean()).isTrue();
        assertThat(fiftyOne.error()).isEqualTo("invalid_blocks");
        assertThat(fiftyOne.body().path("errors").get(0).asText())
                .isEqualTo("no more than 50 items allowed [json-pointer:/blocks]");
    }

    @Test
    void malformedBlocksAreRefusedWithWhatIsWrongAndWhere() {
        Reply camelCase = http.postMessage(Map.of("channel", "#sales", "text", "t", "blocks",
                "[{\"type\":\"image\",\"imageUrl\":\"https://example.com/a.png\",\"altText\":\"a\"}]"));
        Reply emptyText = http.postMessage(Map.of("channel", "#sales", "text", "t", "blocks",
                "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"\"}}]"));
        Reply unknownType = http.postMessage(Map.of("channel", "#sales", "text", "t", "blocks",
                "[{\"type\":\"banner\"}]"));
        Reply notJson = http.postMessage(Map.of("channel", "#sales", "text", "t", "blocks", "[{type: section"));

        assertThat(camelCase.error()).isEqualTo("invalid_blocks");
        assertThat(camelCase.body().path("errors")).extracting(Object::toString).contains(
                "\"invalid additional property: imageUrl [json-pointer:/blocks/0]\"",
                "\"missing required field: image_url [json-pointer:/blocks/0]\"",
                "\"missing required field: alt_text [json-pointer:/blocks/0]\"");
        assertThat(emptyText.error()).isEqualTo("invalid_blocks");
        assertThat(emptyText.body().path("errors").get(0).asText())
                .isEqualTo("must be more than 0 characters [json-pointer:/blocks/0/text/text]");
        assertThat(unknownType.error()).isEqualTo("invalid_blocks");
        assertThat(notJson.error()).isEqualTo("invalid_blocks_format");
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void commonBlocksWithTheirFieldsArePosted() {
        String blocks = """
                [{"type":"header","text":{"type":"plain_text","text":"Hot lead","emoji":true}},
                 {"type":"section","block_id":"lead","fields":[{"type":"mrkdwn","text":"*Email*"},
                   {"type":"plain_text","text":"ada@example.com"}]},
                 {"type":"context","elements":[{"type":"image","image_url":"https://example.com/a.png",
                   "alt_text":"logo"},{"type":"mrkdwn","text":"from Sluice"}]},
                 {"type":"image","image_url":"https://example.com/chart.png","alt_text":"usage"},
                 {"type":"divider"}]""";

        Reply reply = http.postMessage(Map.of("channel", "#sales", "text", "Hot lead", "blocks", blocks));

        assertThat(reply.body().path("ok").asBoolean()).as(reply.text()).isTrue();
        assertThat(sandbox.messages()).singleElement().satisfies(message -> assertThat(message.blocks()).hasSize(5));
    }

    @Test
    void unknownMethodsAndUnreadableBodiesAnswerAsSlackDoes() {
        Reply unknown = http.form("chat.postEphemeralish", SlackSandbox.DEMO_BOT_TOKEN, Map.of());
        Reply badJson = http.json("chat.postMessage", "Bearer " + SlackSandbox.DEMO_BOT_TOKEN, "{\"channel\":");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown_method");
        assertThat(badJson.status()).isEqualTo(200);
        assertThat(badJson.error()).isEqualTo("invalid_json");
    }

    @Test
    void injectedFaultsAnswerTheNextPostsThenStop() {
        sandbox.failNextPosts(1, 503);
        Reply outage = http.postMessage(Map.of("channel", "#sales", "text", "a"));
        sandbox.answerNextPostsWith(2, "internal_error");
        Reply firstError = http.postMessage(Map.of("channel", "#sales", "text", "b"));
        Reply secondError = http.postMessage(Map.of("channel", "#sales", "text", "c"));
        Reply healthy = http.postMessage(Map.of("channel", "#sales", "text", "d"));
        sandbox.failNextPosts(1, 429);
        Reply throttled = http.postMessage(Map.of("channel", "#general", "text", "e"));

        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.error()).isEqualTo("service_unavailable");
        assertThat(firstError.status()).isEqualTo(200);
        assertThat(firstError.error()).isEqualTo("internal_error");
        assertThat(secondError.error()).isEqualTo("internal_error");
        assertThat(healthy.body().path("ok").asBoolean()).isTrue();
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(sandbox.messages()).extracting(SlackSandbox.PostedMessage::text).containsExactly("d");
        assertThat(sandbox.requests()).extracting(SlackSandbox.RecordedRequest::status)
                .containsExactly(503, 200, 200, 200, 429);
    }

    @Test
    void resetGivesAFreshWorkspace() {
        sandbox.archiveChannel("#sales");
        sandbox.failNextPosts(5, 500);
        http.postMessage(Map.of("channel", "#general", "text", "lost"));

        sandbox.reset();

        assertThat(sandbox.requests()).isEmpty();
        Reply back = http.postMessage(Map.of("channel", "#sales", "text", "back"));

        assertThat(back.body().path("ok").asBoolean()).isTrue();
        assertThat(sandbox.messages()).extracting(SlackSandbox.PostedMessage::text).isEqualTo(List.of("back"));
    }
}
