package io.sluice.destinations.http;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;

/**
 * Any HTTP API without a Camel component of its own (Intercom, Customer.io, an internal service): the
 * sync file's {@code http:} block says where each call goes, with which headers and body, and which
 * answers mean success. Calls go through camel-http.
 */
@Component
class HttpDestination implements Destination {

    static final String NAME = "http";

    private final HttpConnections connections;
    private final HttpProperties properties;
    private final ObjectMapper json;
    private final HttpSettingsReader reader;

    HttpDestination(HttpConnections connections, HttpProperties properties, ObjectMapper json) {
        this.connections = connections;
        this.properties = properties;
        this.json = json;
        this.reader = new HttpSettingsReader(connections, properties, json);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> connections() {
        return connections.named().keySet();
    }

    @Override
    public int batchSize(SyncDefinition sync) {
        return settings(sync).batchSize();
    }

    @Override
    public Optional<String> ifEmptyRefusal(SyncDefinition sync) {
        return Optional.of("the HTTP destination has no read to configure, so it cannot know the endpoint's current "
                + "values");
    }

    @Override
    public String defaultObject() {
        return null;
    }

    /** Endpoints and secrets the deployment provides are taken as configured. */
    @Override
    public Destination forValidation() {
        return new HttpDestination(connections.withStandIns(), properties, json);
    }

    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        return reader.read(block.as(HttpBlock.class), sync);
    }

    /** The settings its sync file was loaded with. */
    HttpSettings settings(SyncDefinition sync) {
        return sync.settings(HttpSettings.class);
    }
}
