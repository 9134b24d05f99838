package io.sluice.destinations.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.sluice.destinations.RateLimit;

/**
 * The generic HTTP destination: what sync files may refer to by name, and the limits of every call.
 * Sync files never hold a URL's host or a credential of their own: {@code {{config:name}}} and
 * {@code {{secret:name}}} point here, so moving a sync from a sandbox to production is configuration only.
 *
 * @param endpoints       base URLs by name, for {@code {{config:name}}}
 * @param secrets         credentials by name, for {@code {{secret:name}}} in headers
 * @param connectTimeout  how long to wait for a connection (and for a pooled one)
 * @param responseTimeout how long to wait for an answer once the request is sent
 * @param maxBatchSize    the largest {@code batch_size} a sync file may ask for
 * @param rateLimit       calls per period for a sync file that sets no {@code rate_limit}
 * @param retryAfter      the wait after a 429 whose response says neither Retry-After nor X-RateLimit-Reset
 * @param connections     further sets of endpoints and secrets by name (another workspace of the same API, say), for
 *                        sync files saying {@code connection: <name>}: their {@code {{config:...}}} and
 *                        {@code {{secret:...}}} are looked up there
 */
@Validated
@ConfigurationProperties("sluice.http")
public record HttpProperties(@DefaultValue Map<String, URI> endpoints,
                             @DefaultValue Map<String, String> secrets,
                             @NotNull @DefaultValue("5s") Duration connectTimeout,
                             @NotNull @DefaultValue("30s") Duration responseTimeout,
                             @Min(1) @Max(10_000) @DefaultValue("500") int maxBatchSize,
                             @Valid @NotNull @DefaultValue RateLimit rateLimit,
                             @NotNull @DefaultValue("1s") Duration retryAfter,
                             @Valid @NotNull @DefaultValue Map<String, Connection> connections) {

    /** Secrets stay out of logs, including a dump of the configuration. */
    @Override
    public String toString() {
        return "HttpProperties[endpoints=" + endpoints + ", secrets=" + secrets.keySet() + ", connectTimeout="
                + connectTimeout + ", responseTimeout=" + responseTimeout + ", maxBatchSize=" + maxBatchSize
                + ", rateLimit=" + rateLimit + ", retryAfter=" + retryAfter + ", connections=" + connections + "]";
    }

    /**
     * One named connection's endpoints and secrets; everything else is {@code sluice.http.*}'s.
     *
     * @param endpoints base URLs by name, for {@code {{config:name}}}
     * @param secrets   credentials by name, for {@code {{secret:name}}} in headers
     */
    public record Connection(@DefaultValue Map<String, URI> endpoints, @DefaultValue Map<String, String> secrets) {

        /** Secrets stay out of logs. */
        @Override
        public String toString() {
            return "Connection[endpoints=" + endpoints + ", secrets=" + secrets.keySet() + "]";
        }
    }
}
