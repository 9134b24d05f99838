package io.sluice.destinations.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.sync.SyncDefinition;

/**
 * Any HTTP API without a Camel component of its own (Intercom, Customer.io, an internal service): the
 * sync file's {@code http:} block says where each call goes, with which headers and body, and which
 * answers mean success. Calls go through camel-http.
 */
@Component
class HttpDestination implements Destination {

    static final String NAME = "http";

    private final HttpSettingsReader reader;
    /** Settings are read once per version of a sync file. */
    private final Map<SyncDefinition, HttpSettings> settings = new ConcurrentHashMap<>();

    HttpDestination(HttpConnections connections, HttpProperties properties, ObjectMapper json) {
        this.reader = new HttpSettingsReader(connections, properties, json);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int batchSize(SyncDefinition sync) {
        return settings(sync).batchSize();
    }

    @Override
    public String defaultObject() {
        return null;
    }

    @Override
    public List<Problem> check(SyncDefinition sync) {
        return reader.read(sync).problems();
    }

    /** The settings of a sync file that passed {@link #check}. */
    HttpSettings settings(SyncDefinition sync) {
        return settings.computeIfAbsent(sync, valid -> reader.read(valid).settings().orElseThrow(() ->
                new IllegalStateException("sync '" + valid.name() + "' has invalid http settings")));
    }
}
