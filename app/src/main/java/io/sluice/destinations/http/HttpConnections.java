package io.sluice.destinations.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named endpoints and secrets sync files refer to, as the HTTP destination uses them. Built from
 * {@code sluice.http.*}; the demo replaces it with one that points a name at a local sandbox.
 */
public record HttpConnections(Map<String, URI> endpoints, Map<String, String> secrets, boolean standIns) {

    /** Where a name that is not configured points while sync files are only being checked. */
    private static final URI STAND_IN_ENDPOINT = URI.create("https://stand-in.invalid");

    public HttpConnections {
        endpoints = Map.copyOf(endpoints);
        secrets = Map.copyOf(secrets);
    }

    public HttpConnections(Map<String, URI> endpoints, Map<String, String> secrets) {
        this(endpoints, secrets, false);
    }

    /**
     * For checking sync files away from the deployment that runs them (a team's CI): an endpoint or secret
     * that is not configured here counts as configured, since it is the deployment's to provide.
     */
    public HttpConnections withStandIns() {
        return new HttpConnections(endpoints, secrets, true);
    }

    public static HttpConnections of(HttpProperties properties) {
        return new HttpConnections(properties.endpoints(), properties.secrets());
    }

    /** A copy where {@code name} points at {@code baseUrl} and {@code secretName} holds {@code secret}. */
    public HttpConnections with(String name, URI baseUrl, String secretName, String secret) {
        Map<String, URI> moreEndpoints = new LinkedHashMap<>(endpoints);
        moreEndpoints.put(name, baseUrl);
        Map<String, String> moreSecrets = new LinkedHashMap<>(secrets);
        moreSecrets.put(secretName, secret);
        return new HttpConnections(moreEndpoints, moreSecrets, standIns);
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
        return "HttpConnections[endpoints=" + endpoints + ", secrets=" + secrets.keySet() + "]";
    }
}
