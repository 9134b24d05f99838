package io.sluice.destinations.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Autowired;
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
    private final Map<String, SlackConnection> named;

    @Autowired
    SlackDestination(SlackConnection connection, SlackProperties properties) {
        this(connection, properties.namedConnections());
    }

    SlackDestination(SlackConnection connection) {
        this(connection, Map.of());
    }

    /** @param named {@code sluice.slack.connections.<name>} */
    SlackDestination(SlackConnection connection, Map<String, SlackConnection> named) {
        this.connection = connection;
        this.named = Map.copyOf(named);
    }

    @Override
    public Set<String> connections() {
        return named.keySet();
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
        Map<String, SlackConnection> standIns = new TreeMap<>();
        named.forEach((name, workspace) -> standIns.put(name, workspace.withStandIn()));
        return new SlackDestination(connection.withStandIn(), standIns);
    }

    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        List<Problem> problems = new ArrayList<>();
        SlackConnection workspace = connection(sync);
        String prefix = sync.connection().map(name -> "sluice.slack.connections." + name).orElse("sluice.slack");
        if (workspace.mode() == SlackConnection.Mode.NONE) {
            problems.add(new Problem("slack", "Slack is not configured: set " + prefix + ".token (a bot token) or "
                    + prefix + ".webhook-url (an incoming webhook)"));
        }
        if (sync.mode() == SyncMode.MIRROR) {
            problems.add(new Problem("sync_mode", "mirror is not supported by slack: a posted message is not taken "
                    + "back when its row leaves the model; use incremental or full"));
        }
        if (sync.object() != null) {
            problems.add(new Problem("object", "Slack has no objects; the slack block says where messages go"));
        }
        SlackSettings settings = SlackSettings.read(block.as(SlackSettings.Block.class), sync, workspace.mode(),
                problems);
        return new Reading(settings, problems);
    }

    /** The workspace a sync posts to; the loader let only known connections through. */
    SlackConnection connection(SyncDefinition sync) {
        return sync.connection().map(named::get).orElse(connection);
    }

    /** A first run would post one message per existing row; unless asked, it only records them. */
    @Override
    public boolean sendsFirstRun(SyncDefinition sync) {
        return sync.settings(SlackSettings.class).sendsFirstRun();
    }
}
