package io.sluice.destinations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.destinations.Destination;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncFileProblem;

/** The {@code slack:} block of a sync file, as the loader reports it at start-up. */
class SlackSyncFileTest {

    private static final SlackConnection TOKEN = new SlackConnection("https://slack.com", "xoxb-1", null);
    private static final SlackConnection WEBHOOK = new SlackConnection("https://slack.com", null,
            "https://hooks.slack.com/services/T1/B1/x");

    @TempDir
    Path dir;

    @Test
    void theShippedDemoSyncLoadsAndSkipsItsFirstRun() {
        SlackDestination slack = new SlackDestination(TOKEN);
        LoadedSyncFile loaded = loader(slack).load(Path.of("routes/slack_hot_leads.yaml"));

        assertThat(loaded.problems()).isEmpty();
        SyncDefinition sync = loaded.definition().orElseThrow();
        assertThat(slack.batchSize(sync)).isEqualTo(1);
        assertThat(slack.sendsFirstRun(sync)).isFalse();
        SlackSettings settings = sync.settings(SlackSettings.class);
        assertThat(settings.channel()).isEqualTo("#sales");
        Map<String, Object> lead = Map.of("email", "ada@example.com", "first_name", "Ada", "last_name", "Lovelace",
                "company", "Analytical & Co");
        assertThat(settings.text().render(lead, value -> value))
                .isEqualTo("New hot lead ada@example.com at Analytical &amp; Co");
        assertThat(settings.blocks().render(lead, value -> value)).contains(
                "\"text\":\"*Ada Lovelace* at *Analytical &amp; Co*\"", "\"text\":\"*E-mail*\\nada@example.com\"");
    }

    @Test
    void initialRunSendAnnouncesTheExistingRows() {
        SyncDefinition sync = valid(TOKEN, """
                slack:
                  channel: "#sales"
                  text: "{{email}}"
                  initial_run: send
                """);

        assertThat(new SlackDestination(TOKEN).sendsFirstRun(sync)).isTrue();
    }

    @Test
    void placeholdersNameMappedColumnsOrTheirFieldsInAnyCaseOfTheColumn() {
        SyncDefinition sync = valid(TOKEN, """
                slack:
                  channel: "#sales"
                  text: "{{ EMAIL }} / {{Company_Name}} / {{company}}"
                """, "company: Company_Name");

        String text = sync.settings(SlackSettings.class).text()
                .render(Map.of("email", "a@example.com", "Company_Name", "Acme"), value -> value);

        assertThat(text).isEqualTo("a@example.com / Acme / Acme");
    }

    @Test
    void aPlaceholderThatNamesNothingMappedIsReportedWithItsField() {
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  text: "New lead {{email}} from {{region}}"
                  blocks:
                    - type: section
                      text: {type: mrkdwn, text: "{{owner}}"}
                """)).containsExactlyInAnyOrder(
                "slack.text: placeholder {{region}} is not a mapped column or field",
                "slack.blocks: placeholder {{owner}} is not a mapped column or field");
    }

    @Test
    void somethingLikeAPlaceholderThatIsNotOneIsReported() {
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  text: "{{first name}} {{email}}"
                """)).singleElement().asString().startsWith("slack.text: '{{first name}}' is not a placeholder");
    }

    @Test
    void theChannelIsFixedOrFromAMappedColumnNeverBothNorNeither() {
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  channel_column: email
                  text: "{{email}}"
                """)).containsExactly("slack.channel: set channel or channel_column, not both");
        assertThat(problems(TOKEN, """
                slack:
                  text: "{{email}}"
                """)).singleElement().asString().startsWith("slack.channel: is missing");
        assertThat(problems(TOKEN, """
                slack:
                  channel_column: owner_channel
                  text: "{{email}}"
                """)).containsExactly("slack.channel_column: 'owner_channel' is not a mapped column");
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales?token=x"
                  text: "{{email}}"
                """)).containsExactly("slack.channel: must be a Slack channel (#name, a channel ID or @user), "
                + "not '#sales?token=x'");
    }

    @Test
    void aChannelColumnResolvesToItsMappedField() {
        SyncDefinition sync = valid(TOKEN, """
                slack:
                  channel_column: owner_channel
                  text: "{{email}}"
                """, "owner_channel: channel");

        SlackSettings settings = sync.settings(SlackSettings.class);

        assertThat(settings.channelOf(Map.of("email", "a@example.com", "channel", " #deals "))).hasValue("#deals");
        assertThat(settings.channelOf(Map.of("email", "a@example.com", "channel", ""))).isEmpty();
    }

    @Test
    void anIncomingWebhookCannotChooseTheChannelPerRow() {
        assertThat(problems(WEBHOOK, """
                slack:
                  channel_column: email
                  text: "{{email}}"
                """)).singleElement().asString().startsWith("slack.channel_column: an incoming webhook posts only");
    }

    @Test
    void aMessageNeedsTextOrBlocks() {
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                """)).singleElement().asString().startsWith("slack.text: is missing");
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  text: "  "
                """)).containsExactly("slack.text: must not be empty, not '  '");
    }

    @Test
    void blocksMayBeAYamlListOrTextHoldingAJsonArray() {
        SyncDefinition sync = valid(TOKEN, """
                slack:
                  channel: "#sales"
                  blocks: |
                    [{"type": "section", "text": {"type": "mrkdwn", "text": "Lead {{email}}"}}]
                """);

        assertThat(sync.settings(SlackSettings.class).blocks().render(
                Map.of("email", "a@example.com"), value -> value))
                .isEqualTo("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"Lead a@example.com\"}}]");
    }

    @Test
    void blocksAreCheckedForShapeAndSlacksLimitOfFifty() {
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  blocks: "[{not json"
                """)).singleElement().asString().startsWith("slack.blocks: is not valid JSON");
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  blocks: {type: divider}
                """)).containsExactly("slack.blocks: must be a non-empty list of Block Kit blocks");
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  blocks:
                    - type: divider
                    - text: no type
                """)).singleElement().asString().startsWith("slack.blocks[1].type: is missing");
        assertThat(problems(TOKEN, "slack:\n  channel: \"#sales\"\n  blocks:\n"
                + "    - type: divider\n".repeat(51)))
                .containsExactly("slack.blocks: must list at most 50 items, not 51");
    }

    @Test
    void unknownSettingsWrongTypesAndBadInitialRunsAreReported() {
        assertThat(problems(TOKEN, """
                slack:
                  channel: 42
                  text: "{{email}}"
                  icon: ":rocket:"
                  initial_run: always
                """)).containsExactlyInAnyOrder(
                "slack.icon: unknown field; expected one of [blocks, channel, channel_column, initial_run, text]",
                "slack.channel: must be text, not 42",
                "slack.initial_run: must be one of send or skip, not 'always'");
    }

    @Test
    void mirrorModeAndObjectsMeanNothingForSlack() {
        assertThat(problems(TOKEN, """
                slack:
                  channel: "#sales"
                  text: "{{email}}"
                """.concat("object: Lead\n"), "", "mirror")).containsExactlyInAnyOrder(
                "sync_mode: mirror is not supported by slack: a posted message is not taken back when its row "
                        + "leaves the model; use incremental or full",
                "object: Slack has no objects; the slack block says where messages go");
    }

    @Test
    void withoutATokenOrAWebhookEverySlackSyncIsRefused() {
        assertThat(problems(new SlackConnection("https://slack.com", " ", ""), """
                slack:
                  channel: "#sales"
                  text: "{{email}}"
                """)).containsExactly("slack: Slack is not configured: set sluice.slack.token (a bot token) or "
                + "sluice.slack.webhook-url (an incoming webhook)");
    }

    private SyncDefinition valid(SlackConnection connection, String slackBlock, String... extraMappings) {
        LoadedSyncFile loaded = load(connection, slackBlock, String.join("\n  ", extraMappings), "full");
        assertThat(loaded.problems()).isEmpty();
        return loaded.definition().orElseThrow();
    }

    private List<String> problems(SlackConnection connection, String slackBlock) {
        return problems(connection, slackBlock, "", "full");
    }

    private List<String> problems(SlackConnection connection, String slackBlock, String extraMapping, String mode) {
        LoadedSyncFile loaded = load(connection, slackBlock, extraMapping, mode);
        assertThat(loaded.isValid()).isFalse();
        assertThat(loaded.problems()).extracting(SyncFileProblem::file).containsOnly(loaded.file().toString());
        return loaded.problems().stream().map(problem -> problem.field() + ": " + problem.message()).toList();
    }

    private LoadedSyncFile load(SlackConnection connection, String slackBlock, String extraMapping, String mode) {
        try {
            Path file = Files.writeString(dir.resolve("leads_to_slack.yaml"), """
                    model:
                      name: leads
                      query: SELECT email, company, owner_channel FROM crm.leads
                    destination: slack
                    mapping:
                      email: email
                      %s
                    schedule: manual
                    sync_mode: %s
                    %s""".formatted(extraMapping, mode, slackBlock));
            return loader(new SlackDestination(connection)).load(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SyncFileLoader loader(Destination slack) {
        return new SyncFileLoader(List.of(slack));
    }
}
