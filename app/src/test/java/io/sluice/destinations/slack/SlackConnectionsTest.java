package io.sluice.destinations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.slack.SlackSandbox.PostedMessage;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Two Slack workspaces: the default one and {@code sluice.slack.connections.partner}, each posted to through a
 * camel-slack component of its own. Each sync's messages appear in its own workspace only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackConnectionsTest {

    static final SlackSandbox SLACK = SlackSandbox.start(0);
    static final SlackSandbox PARTNER = SlackSandbox.start(0);
    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.h2("slack_workspaces_warehouse");

    @Autowired
    SyncRunner runner;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        WAREHOUSE.jdbc().execute("CREATE TABLE signups (email VARCHAR(100), team VARCHAR(20))");
        Path routes = Files.createTempDirectory("sluice-slack-workspaces");
        Files.writeString(routes.resolve("own_signups.yaml"), signups("own"));
        Files.writeString(routes.resolve("partner_signups.yaml"), "connection: partner\n" + signups("partner"));
        SluiceTestProperties.register(registry, routes, WAREHOUSE, TestDatabases.h2("slack_workspaces_state"),
                SALESFORCE);
        registry.add("sluice.slack.token", () -> SlackSandbox.DEMO_BOT_TOKEN);
        registry.add("sluice.slack.base-url", SLACK::baseUrl);
        registry.add("sluice.slack.connections.partner.token", () -> SlackSandbox.DEMO_BOT_TOKEN);
        registry.add("sluice.slack.connections.partner.base-url", PARTNER::baseUrl);
    }

    private static String signups(String team) {
        return """
                model:
                  query: SELECT email FROM signups WHERE team = '%s'
                destination: slack
                mapping:
                  email: email
                slack:
                  channel: "#sales"
                  text: "Signup {{email}}"
                  initial_run: send
                schedule: manual
                sync_mode: full
                """.formatted(team);
    }

    @AfterAll
    static void stopFakes() {
        SLACK.close();
        PARTNER.close();
        SALESFORCE.close();
    }

    @Test
    void eachSyncPostsToItsOwnWorkspace() {
        WAREHOUSE.jdbc().update("INSERT INTO signups VALUES ('ada@example.com', 'own'), ('bo@partner.example', "
                + "'partner')");

        SyncRun partner = runner.run("partner_signups", SyncRun.Trigger.MANUAL);
        SyncRun own = runner.run("own_signups", SyncRun.Trigger.MANUAL);

        assertThat(partner.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(own.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(PARTNER.messages("#sales")).extracting(PostedMessage::text)
                .containsExactly("Signup bo@partner.example");
        assertThat(SLACK.messages("#sales")).extracting(PostedMessage::text).containsExactly("Signup ada@example.com");
    }
}
