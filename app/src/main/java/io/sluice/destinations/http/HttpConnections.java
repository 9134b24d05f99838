package io.sluice.destinations.http;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.sluice.sync.SyncDefinition;

/**
 * The named endpoints and secrets sync files refer to, as the HTTP destination uses them: those of
 * {@code sluice.http.*}, and those of each named connection ({@code sluice.http.connections.<name>.*}), which a sync
 * file saying {@code connection: <name>} refers to instead.
 *
 * @param property where these are configured, for messages: {@code sluice.http} or
 *                 {@code sluice.http.connections.<name>}
 * @param named    the named connections; none within a named connection
 */
public record HttpConnections(Map<String, URI> endpoints, Map<String, String> secrets, boolean standIns,
                              String property, Map<String, HttpConnections> named) {

    private static final String PROPERTY = "sluice.http";
    /** Where a name that is not configured points while sync files are only being checked. */
    private static final URI STAND_IN_ENDPOINT = URI.create("https://stand-in.invalid");

    public HttpConnections {
        endpoints = Map.copyOf(endpoints);
        secrets = Map.copyOf(secrets);
        named = Map.copyOf(named);
    }

    public HttpConnections(Map<String, URI> endpoints, Map<String, String> secrets) {
        this(endpoints, secrets, false, PROPERTY, Map.of());
    }

    /**
     * For checking sync files away from the deployment that runs them (a team's CI): an endpoint or secret
     * that is not configured here counts as configured, since it is the deployment's to provide.
     */
    public HttpConnections withStandIns() {
        Map<String, HttpConnections> standIns = new TreeMap<>();
        named.forEach((name, connection) -> standIns.put(name, connection.withStandIns()));
        return new HttpConnections(endpoints, secrets, true, property, standIns);
    }

    public static HttpConnections of(HttpProperties properties) {
        Map<String, HttpConnections> named = new TreeMap<>();
        properties.connections().forEach((name, connection) -> named.put(name, new HttpConnections(
                connection.endpoints(), connection.secrets(), false, PROPERTY + ".connections." + name, Map.of())));
        return new HttpConnections(properties.endpoints(), properties.secrets(), false, PROPERTY, named);
    }

    /** The endpoints and secrets of the connection a sync names; the loader let only known ones through. */
    HttpConnections of(SyncDefinition sync) {
        return sync.connection().map(named::get).orElse(this);
    }

    Optional<URI> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name)).or(() -> standIns ? Optional.of(STAND_IN_ENDPOINT)
                : Optional.empty());
    }

    Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name)).or(() -> standIns ? Optional.of("stand-in") : Optional.empty());
    }

    @Override
    public String toString() {
        return "HttpConnections[" + property + ": endpoints=" + endpoints + ", secrets=" + secrets.keySet()
                + (named.isEmpty() ? "" : ", connections=" + named.values()) + "]";
    }
}
