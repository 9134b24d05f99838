package io.sluice.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.slack.SlackSandboxHttp.Reply;

class SlackSandboxViewTest {

    private final SlackSandbox sandbox = SlackSandbox.start(0);
    private final SlackSandboxHttp http = new SlackSandboxHttp(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void thePageIsLabelledAsASandboxAndShowsChannelsAndMessages() {
        http.postMessage(Map.of("channel", "#sales", "text", "New hot lead <ada@example.com>"));

        Reply page = http.get("/sandbox");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.text()).contains("Sluice local Slack sandbox — not a real Slack workspace", "#sales",
                "1 message", "New hot lead &lt;ada@example.com&gt;");
    }

    @Test
    void messagesAreAvailableAsJsonByChannelWithoutCountingAsTraffic() {
        http.postMessage(Map.of("channel", "#sales", "text", "to sales"));
        http.postMessage(Map.of("channel", "#general", "text", "to general"));

        Reply all = http.get("/sandbox/messages");
        Reply sales = http.get("/sandbox/messages?channel=%23sales");

        assertThat(all.body().path("sandbox").asText()).contains("not a real Slack workspace");
        assertThat(all.body().path("messages")).hasSize(2);
        assertThat(sales.body().path("messages")).singleElement().satisfies(message -> {
            assertThat(message.path("text").asText()).isEqualTo("to sales");
            assertThat(message.path("channel").asText()).isEqualTo("#sales");
            assertThat(message.path("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
        assertThat(sandbox.requests()).hasSize(2);
    }
}
