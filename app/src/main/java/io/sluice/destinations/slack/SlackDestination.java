package io.sluice.destinations.slack;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncMode;

/**
 * Slack through camel-slack: each new or changed row becomes one message, rendered from the sync file's
 * {@code slack:} block. Messages are never taken back, so there is no mirror mode and no delete route.
 */
@Component
class SlackDestination implements Destination {

    private final SlackConnection connection;

    SlackDestination(SlackConnection connection) {
        this.connection = connection;
    }

    @Override
    public String name() {
        return "slack";
    }

    /** One message per call: {@code chat.postMessage} and webhooks take one message. */
    @Override
    public int batchSize(SyncDefinition sync) {
        return 1;
    }

    /** Messages show in a channel in the order they were posted: the model's order. */
    @Override
    public boolean keepsOrder() {
        return true;
    }

    @Override
    public String defaultObject() {
        return null;
    }

    /** Sync files are checked as if Slack were configured, with a bot token unless a webhook is. */
    @Override
    public Destination forValidation() {
        return new SlackDestination(connection.withStandIn());
    }

    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        List<Problem> problems = new ArrayList<>();
        if (connection.mode() == SlackConnection.Mode.NONE) {
            problems.add(new Problem("slack", "Slack is not configured: set sluice.slack.token (a bot token) or "
                    + "sluice.slack.webhook-url (an incoming webhook)"));
        }
        if (sync.mode() == SyncMode.MIRROR) {
            problems.add(new Problem("sync_mode", "mirror is not supported by slack: a posted message is not taken "
                    + "back when its row leaves the model; use incremental or full"));
        }
        if (sync.object() != null) {
            problems.add(new Problem("object", "Slack has no objects; the slack block says where messages go"));
        }
        SlackSettings settings = SlackSettings.read(block.as(SlackSettings.Block.class), sync, connection.mode(),
                problems);
        return new Reading(settings, problems);
    }

    /** A first run would post one message per existing row; unless asked, it only records them. */
    @Override
    public boolean sendsFirstRun(SyncDefinition sync) {
        return sync.settings(SlackSettings.class).sendsFirstRun();
    }
}
