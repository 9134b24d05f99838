package io.sluice.destinations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.slack.SlackSandbox.PostedMessage;
import io.sluice.sandbox.slack.SlackSandbox.RecordedRequest;
import io.sluice.support.AdminLists;

/**
 * Slack syncs end to end: warehouse rows through the pipeline and the real camel-slack client into the Slack
 * sandbox, asserting what the sandbox received and what the state store and admin API show.
 */
class SlackPipelineTest extends SlackTokenModeContext {

    @Test
    void theDemoSyncsFirstRunPostsNothingThenEachNewHotLeadPostsExactlyOneMessage() {
        for (int i = 1; i <= 50; i++) {
            addLead(i, "lead" + i + "@example.com", "Company " + i, 150, 3);
        }
        addLead(51, "cold@example.com", "Cold Inc", 10, 20);

        SyncRun first = runner.run("slack_hot_leads", SyncRun.Trigger.MANUAL);

        assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(first.counts().read()).isEqualTo(50);
        assertThat(first.counts().unchanged()).isEqualTo(50);
        assertThat(first.counts().created()).isZero();
        assertThat(posts()).isEmpty();
        assertThat(SLACK.messages()).isEmpty();
        assertThat(state.count("slack_hot_leads")).isEqualTo(50);

        assertThat(runner.run("slack_hot_leads", SyncRun.Trigger.MANUAL).counts().unchanged()).isEqualTo(50);
        assertThat(posts()).isEmpty();

        addLead(52, "ada@example.com", "Analytical <Engines> & Co", 300, 1);
        SyncRun oneNew = runner.run("slack_hot_leads", SyncRun.Trigger.MANUAL);

        assertThat(oneNew.counts().created()).isEqualTo(1);
        assertThat(oneNew.counts().unchanged()).isEqualTo(50);
        assertThat(posts()).singleElement().satisfies(post -> {
            assertThat(post.headers()).containsEntry("authorization", "Bearer " + SlackSandbox.DEMO_BOT_TOKEN);
            assertThat(post.arguments()).containsEntry("channel", "#sales");
        });
        assertThat(SLACK.messages()).singleElement().satisfies(message -> {
            assertThat(message.channel()).isEqualTo("#sales");
            assertThat(message.text()).isEqualTo("New hot lead ada@example.com at Analytical &lt;Engines&gt; &amp; Co");
            assertThat(message.blocks()).hasSize(2);
            assertThat(message.blocks().get(0).path("type").asText()).isEqualTo("header");
            assertThat(message.blocks().get(1).path("text").path("text").asText())
                    .isEqualTo("*Ada Lovelace* at *Analytical &lt;Engines&gt; &amp; Co*");
            assertThat(message.blocks().get(1).path("fields").get(0).path("text").asText())
                    .isEqualTo("*E-mail*\nada@example.com");
        });

        warehouse().update("UPDATE warehouse.leads SET company = 'Babbage Ltd' WHERE user_id = 7");
        SyncRun oneChanged = runner.run("slack_hot_leads", SyncRun.Trigger.MANUAL);

        assertThat(oneChanged.counts().created()).isEqualTo(1);
        assertThat(SLACK.messages()).hasSize(2);
        assertThat(SLACK.messages().get(1).text()).isEqualTo("New hot lead lead7@example.com at Babbage Ltd");
    }

    @Test
    void initialRunSendPostsEveryRowOneMessagePerCallThenNothingUnchanged() {
        warehouse().update("INSERT INTO crm.signups VALUES ('a@example.com', 'Acme'), ('b@example.com', 'Globex'),"
                + " ('c@example.com', 'Initech')");

        SyncRun first = runner.run("signups_announced", SyncRun.Trigger.MANUAL);

        assertThat(first.counts().created()).isEqualTo(3);
        assertThat(posts()).hasSize(3).allSatisfy(post -> {
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.error()).isNull();
            assertThat(post.headers()).containsEntry("authorization", "Bearer " + SlackSandbox.DEMO_BOT_TOKEN)
                    .containsEntry("content-type", "application/x-www-form-urlencoded");
        });
        assertThat(SLACK.messages("#sales")).extracting(PostedMessage::text).containsExactly(
                "Signup a@example.com at Acme", "Signup b@example.com at Globex", "Signup c@example.com at Initech");
        assertThat(state.count("signups_announced")).isEqualTo(3);

        runner.run("signups_announced", SyncRun.Trigger.MANUAL);
        assertThat(posts()).hasSize(3);
    }

    @Test
    void messagesToOneChannelAreSpacedByTheClientsThrottleWhileOtherChannelsDoNotWait() {
        warmUp("#sales", "#general");
        warehouse().update("INSERT INTO crm.spread_deals VALUES ('D-1', '#sales'), ('D-2', '#general'),"
                + " ('D-3', '#sales'), ('D-4', '#general'), ('D-5', '#sales')");

        runner.run("spread_deals_to_owners", SyncRun.Trigger.MANUAL);

        assertThat(posts()).extracting(RecordedRequest::status).containsOnly(200);
        List<Instant> sales = SLACK.messages("#sales").stream().map(PostedMessage::receivedAt).toList();
        List<Instant> general = SLACK.messages("#general").stream().map(PostedMessage::receivedAt).toList();
        assertThat(sales).hasSize(3);
        assertThat(Duration.between(sales.get(0), sales.get(1))).isGreaterThan(CLIENT_PERIOD.dividedBy(2));
        assertThat(Duration.between(sales.get(1), sales.get(2))).isGreaterThan(CLIENT_PERIOD.dividedBy(2));
        assertThat(Duration.between(sales.get(0), general.get(0)))
                .as("#general's first message does not wait for #sales's window").isLessThan(CLIENT_PERIOD);
    }

    @Test
    void eachRowGoesToItsOwnChannelAndARowSlackRefusesBecomesADeadLetterReplayedAfterTheFix() {
        SLACK.addChannelWithoutBot("#private-deals");
        warehouse().update("INSERT INTO crm.deals VALUES ('D-1', '#sales'), ('D-2', '#general'),"
                + " ('D-3', '#nowhere'), ('D-4', '#private-deals'), ('D-5', '#sales?webhookUrl=http://x'),"
                + " ('D-6', NULL)");

        SyncRun run = runner.run("deals_to_owners", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(2);
        assertThat(run.counts().deadLettered()).isEqualTo(4);
        assertThat(SLACK.messages()).extracting(PostedMessage::channel, PostedMessage::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("#sales", "Deal D-1 needs you"),
                org.assertj.core.groups.Tuple.tuple("#general", "Deal D-2 needs you"));
        assertThat(posts()).extracting(post -> post.arguments().get("channel"))
                .as("a channel that is no channel is never sent")
                .containsExactly("#sales", "#general", "#nowhere", "#private-deals");
        List<Map<String, Object>> letters = deadLetters("deals_to_owners");
        assertThat(letters).extracting(letter -> letter.get("recordKey"), letter -> letter.get("errorCode"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("D-3", "channel_not_found"),
                        org.assertj.core.groups.Tuple.tuple("D-4", "not_in_channel"),
                        org.assertj.core.groups.Tuple.tuple("D-5", "INVALID_CHANNEL"),
                        org.assertj.core.groups.Tuple.tuple("D-6", "MISSING_CHANNEL"));
        assertThat(letters).allSatisfy(letter -> assertThat(letter).containsEntry("retryable", false)
                .containsEntry("attempts", 1));
        Map<String, Object> notFound = letters.stream().filter(letter -> letter.get("recordKey").equals("D-3"))
                .findFirst().orElseThrow();
        assertThat(notFound.get("errorMessage").toString())
                .contains("chat.postMessage to #nowhere answered ok:false, error channel_not_found");

        SLACK.addChannel("#nowhere");
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/{id}/replay", null, Map.class,
                notFound.get("id"));

        assertThat(replay.getBody()).containsEntry("delivered", 1);
        assertThat(SLACK.messages("#nowhere")).extracting(PostedMessage::text).containsExactly("Deal D-3 needs you");
        assertThat(deadLetters("deals_to_owners")).extracting(letter -> letter.get("recordKey"))
                .containsExactlyInAnyOrder("D-4", "D-5", "D-6");
    }

    @Test
    void aMessageTooLongOrWithInvalidBlocksIsThatRowsDeadLetterWithSlacksCode() {
        warehouse().update("INSERT INTO crm.account_notes VALUES ('A-1', 'renewal due'), ('A-2', ?), ('A-3', '')",
                "x".repeat(40_001));

        SyncRun run = runner.run("account_notes", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(SLACK.messages()).extracting(PostedMessage::text).containsExactly("A-1: renewal due");
        List<Map<String, Object>> letters = deadLetters("account_notes");
        assertThat(letters).extracting(letter -> letter.get("recordKey"), letter -> letter.get("errorCode"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("A-2", "msg_too_long"),
                        org.assertj.core.groups.Tuple.tuple("A-3", "invalid_blocks"));
        assertThat(letters).filteredOn(letter -> letter.get("recordKey").equals("A-3")).singleElement()
                .satisfies(letter -> assertThat(letter.get("errorMessage").toString())
                        .contains("must be more than 0 characters [json-pointer:/blocks/0/text/text]"));
    }

    @Test
    void aRefusedTokenFailsTheCallForGoodAtOnce() {
        warehouse().update("INSERT INTO crm.refusal_signups VALUES ('a@example.com')");
        SLACK.answerNextPostsWith(1, "invalid_auth");

        SyncRun run = runner.run("refusal_signups", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().deadLettered()).isEqualTo(1);
        assertThat(posts()).as("no retry of a call Slack refused for good").hasSize(1);
        assertThat(deadLetters("refusal_signups")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("errorCode", "invalid_auth")
                .containsEntry("retryable", false)
                .containsEntry("attempts", 1));
        assertThat(state.count("refusal_signups")).isZero();
    }

    @Test
    void anOutageIsRetriedThenDeadLetteredAsRetryableAndReplayedWhenItEnds() {
        warehouse().update("INSERT INTO crm.outage_signups VALUES ('a@example.com')");
        SLACK.failNextPosts(2, 503);
        SyncRun recovered = runner.run("outage_signups", SyncRun.Trigger.MANUAL);
        assertThat(recovered.counts().created()).isEqualTo(1);
        assertThat(posts()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);

        warehouse().update("INSERT INTO crm.outage_signups VALUES ('b@example.com')");
        SLACK.failNextPosts(100, 503);
        SyncRun outage = runner.run("outage_signups", SyncRun.Trigger.MANUAL);

        assertThat(posts()).as("one call and two retries").hasSize(3 + 3);
        assertThat(outage.counts().deadLettered()).isEqualTo(1);
        assertThat(deadLetters("outage_signups")).singleElement().satisfies(letter -> assertThat(letter)
                .containsEntry("recordKey", "b@example.com")
                .containsEntry("errorCode", "service_unavailable")
                .containsEntry("retryable", true)
                .containsEntry("attempts", 3));

        SLACK.reset();
        ResponseEntity<Map> replay = http.postForEntity("/admin/dead-letters/replay?sync=outage_signups", null,
                Map.class);
        assertThat(replay.getBody()).containsEntry("delivered", 1);
        assertThat(SLACK.messages()).extracting(PostedMessage::text).containsExactly("Signup b@example.com");
    }

    @Test
    void slacksOwnTroubleAnsweredAsOkFalseIsRetried() {
        warehouse().update("INSERT INTO crm.refusal_signups VALUES ('transient@example.com')");
        SLACK.answerNextPostsWith(1, "internal_error");

        SyncRun run = runner.run("refusal_signups", SyncRun.Trigger.MANUAL);

        assertThat(posts()).extracting(RecordedRequest::error).containsExactly("internal_error", null);
        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isZero();
    }

    @Test
    void aThrottledChannelIsWaitedForAsSlackAsksAndNothingIsDropped() {
        SLACK.setChannelRateLimit(1, Duration.ofSeconds(1));
        warehouse().update("INSERT INTO crm.throttled_signups VALUES ('a@example.com'), ('b@example.com'),"
                + " ('c@example.com')");

        long started = System.nanoTime();
        SyncRun run = runner.run("throttled_signups", SyncRun.Trigger.MANUAL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.counts().created()).isEqualTo(3);
        assertThat(run.counts().deadLettered()).isZero();
        assertThat(SLACK.messages("#general")).extracting(PostedMessage::text)
                .containsExactly("Signup a@example.com", "Signup b@example.com", "Signup c@example.com");
        assertThat(posts()).filteredOn(post -> post.status() == 429).isNotEmpty()
                .allSatisfy(post -> assertThat(post.error()).isEqualTo("ratelimited"));
        assertThat(took).as("each 429 answered Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void mirrorModeIsRefusedAtLoadWithTheReason() {
        List<Map<String, Object>> syncs = AdminLists.items(http, "/admin/syncs");

        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("mirrored_signups")).singleElement()
                .satisfies(sync -> {
                    assertThat(sync).containsEntry("valid", false);
                    assertThat(sync.get("errors").toString()).contains("sync_mode",
                            "mirror is not supported by slack");
                });
        assertThat(syncs).filteredOn(sync -> sync.get("name").equals("slack_hot_leads")).singleElement()
                .satisfies(sync -> assertThat(sync).containsEntry("valid", true));
    }

    private void addLead(int id, String email, String company, int pageViews, int trialDaysRemaining) {
        warehouse().update("INSERT INTO warehouse.leads VALUES (?, ?, ?, ?, ?)", id, email,
                email.equals("ada@example.com") ? "Ada" : "First" + id,
                email.equals("ada@example.com") ? "Lovelace" : "Last" + id, company);
        warehouse().update("INSERT INTO warehouse.product_usage VALUES (?, ?, ?, ?, ?)", id, pageViews,
                trialDaysRemaining, "reports", Timestamp.valueOf(LocalDateTime.of(2026, 11, 1, 12, 0)));
    }
}
