package io.sluice.destinations.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.model.Message;

import okhttp3.FormBody;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;

/** What camel-slack is handed for a record, and what it then puts on the wire in either mode. */
class SlackMessagesTest {

    private static final SlackConnection TOKEN = new SlackConnection("https://slack.com", "xoxb-1", null);

    private final ObjectMapper json = new ObjectMapper();
    private final SlackMessages messages = new SlackMessages(json);

    @TempDir
    Path dir;

    @Test
    void valuesAreEscapedForSlackAndForJsonSoBlocksStayValidWhateverTheWarehouseHolds() throws IOException {
        SyncDefinition sync = sync("""
                text: "Lead {{company}}"
                  blocks:
                    - type: section
                      block_id: lead
                      text: {type: mrkdwn, text: "*{{company}}*"}
                    - type: image
                      image_url: "https://example.com/logo.png"
                      alt_text: "{{company}}"
                """);
        String company = "Quote\" Back\\slash\nNew line <!channel> & Co";

        Exchange exchange = prepare(sync, Map.of("email", "a@example.com", "company", company));

        Message message = exchange.getMessage().getBody(Message.class);
        String escaped = "Quote\" Back\\slash\nNew line &lt;!channel&gt; &amp; Co";
        assertThat(message.getText()).isEqualTo("Lead " + escaped);
        assertThat(exchange.getMessage().getHeader(SlackMessages.CHANNEL)).isEqualTo("#sales");
        JsonNode sent = json.readTree(tokenModeBlocks(message));
        assertThat(sent.get(0).path("text").path("text").asText()).isEqualTo("*" + escaped + "*");
        assertThat(sent.get(1).path("alt_text").asText()).isEqualTo(escaped);
    }

    @Test
    void blocksReachTheWireAsWrittenInTokenAndInWebhookMode() throws IOException {
        SyncDefinition sync = sync("""
                text: "{{email}}"
                  blocks:
                    - type: image
                      block_id: logo
                      image_url: "https://example.com/logo.png"
                      alt_text: "logo"
                      a_field_the_sdk_model_lacks: kept
                """);
        Exchange exchange = prepare(sync, Map.of("email", "a@example.com", "company", "Acme"));
        Message message = exchange.getMessage().getBody(Message.class);
        JsonNode written = json.readTree("""
                [{"type":"image","block_id":"logo","image_url":"https://example.com/logo.png","alt_text":"logo",
                  "a_field_the_sdk_model_lacks":"kept"}]""");

        // token mode: the SDK form-encodes blocks with its own snake-case Gson
        assertThat(json.readTree(tokenModeBlocks(message))).isEqualTo(written);
        // webhook mode: camel-slack writes the whole message with a plain Gson
        assertThat(json.readTree(new Gson().toJson(message)).get("blocks")).isEqualTo(written);
        assertThat(message.getBlocks().get(0).getType()).isEqualTo("image");
        assertThat(message.getBlocks().get(0).getBlockId()).isEqualTo("logo");
    }

    @Test
    void theChannelComesFromTheRowAndMustLookLikeAChannel() {
        SyncDefinition sync = load("""
                model:
                  query: SELECT email, owner_channel FROM crm.leads
                destination: slack
                mapping:
                  email: email
                  owner_channel: channel
                slack:
                  channel_column: owner_channel
                  text: "{{email}}"
                schedule: manual
                sync_mode: full
                """);

        assertThat(prepare(sync, Map.of("email", "a@example.com", "channel", "#deals")).getMessage()
                .getHeader(SlackMessages.CHANNEL)).isEqualTo("#deals");
        assertThatThrownBy(() -> prepare(sync, Map.of("email", "a@example.com", "channel",
                "#deals?webhookUrl=https://evil.example")))
                .isInstanceOfSatisfying(SlackMessageRefused.class, refused ->
                        assertThat(refused.errorCode()).isEqualTo("INVALID_CHANNEL"));
        assertThatThrownBy(() -> prepare(sync, Map.of("email", "a@example.com", "channel", " ")))
                .isInstanceOfSatisfying(SlackMessageRefused.class, refused ->
                        assertThat(refused.errorCode()).isEqualTo("MISSING_CHANNEL"));
    }

    @Test
    void numbersDecimalsListsAndNullsRenderAsPeopleReadThem() {
        SyncDefinition sync = load("""
                model:
                  query: SELECT email, seats, revenue, plans, note FROM crm.accounts
                destination: slack
                mapping:
                  email: email
                  seats: seats
                  revenue: revenue
                  plans: plans
                  note: note
                slack:
                  channel: "#sales"
                  text: "{{seats}} seats, {{revenue}} USD, {{plans}}, [{{note}}]"
                schedule: manual
                sync_mode: full
                """);
        Map<String, Object> payload = new java.util.HashMap<>(Map.of("email", "a@example.com", "seats", 12L,
                "revenue", new java.math.BigDecimal("1E+3"), "plans", List.of("pro", "sso")));
        payload.put("note", null);

        assertThat(prepare(sync, payload).getMessage().getBody(Message.class).getText())
                .isEqualTo("12 seats, 1000 USD, pro, sso, []");
    }

    @Test
    void alertsAreWrittenFromTextAndBlocksAsGiven() throws IOException {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());

        messages.prepareMessage(exchange, "#sluice-alerts", "Sync failed", List.of(
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*Sync* <failed>"))));

        Message message = exchange.getMessage().getBody(Message.class);
        assertThat(message.getText()).isEqualTo("Sync failed");
        assertThat(json.readTree(tokenModeBlocks(message)).get(0).path("text").path("text").asText())
                .isEqualTo("*Sync* <failed>");
        assertThat(exchange.getMessage().getHeader(SlackMessages.CHANNEL)).isEqualTo("#sluice-alerts");
    }

    /** The {@code blocks} form field exactly as camel-slack's SDK call builds it. */
    private static String tokenModeBlocks(Message message) {
        FormBody form = RequestFormBuilder.toForm(ChatPostMessageRequest.builder().channel("#sales")
                .text(message.getText()).blocks(message.getBlocks()).build()).build();
        for (int i = 0; i < form.size(); i++) {
            if (form.name(i).equals("blocks")) {
                return form.value(i);
            }
        }
        throw new AssertionError("no blocks in the form");
    }

    private Exchange prepare(SyncDefinition sync, Map<String, Object> payload) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(DeliveryBatch.PROPERTY, new DeliveryBatch(sync, DeliveryBatch.Operation.UPSERT,
                List.of(new OutboundRecord(String.valueOf(payload.get("email")), payload, "hash", null))));
        messages.prepareRecord(exchange);
        return exchange;
    }

    private SyncDefinition sync(String slackSettings) {
        return load("""
                model:
                  query: SELECT email, company FROM crm.leads
                destination: slack
                mapping:
                  email: email
                  company: company
                slack:
                  channel: "#sales"
                  %s
                schedule: manual
                sync_mode: full
                """.formatted(slackSettings));
    }

    private SyncDefinition load(String yaml) {
        try {
            Path file = Files.writeString(dir.resolve("slack_sync.yaml"), yaml);
            SlackDestination slack = new SlackDestination(TOKEN);
            var loaded = new SyncFileLoader(List.of(slack)).load(file);
            assertThat(loaded.problems()).isEmpty();
            return loaded.definition().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
