package io.sluice.destinations.stripe;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.sluice.destinations.RateLimit;

/**
 * How Sluice reaches Stripe.
 *
 * @param apiBase           Stripe's API address; a local fake in tests
 * @param apiKey            a secret ({@code sk_...}) or restricted ({@code rk_...}) key with write access to
 *                          customers; none configured leaves Stripe syncs failing (and the demo on its sandbox)
 * @param requestsPerSecond Sluice's own limit, below Stripe's: 25 suits test mode, up to 100 live mode
 * @param connectTimeout    how long connecting to Stripe may take
 * @param readTimeout       how long Stripe may take to answer a call
 * @param rateLimitedWait   how long to wait after a 429 that names no wait: Stripe's limits are per second
 * @param connections       further Stripe accounts by name, for sync files saying {@code connection: <name>}: each
 *                          with its own key and its own limit
 */
@Validated
@ConfigurationProperties("sluice.stripe")
record StripeProperties(@NotBlank @DefaultValue("https://api.stripe.com") String apiBase,
                        String apiKey,
                        @Min(1) @DefaultValue("25") int requestsPerSecond,
                        @NotNull @DefaultValue("10s") Duration connectTimeout,
                        @NotNull @DefaultValue("30s") Duration readTimeout,
                        @NotNull @DefaultValue("1s") Duration rateLimitedWait,
                        @Valid @NotNull @DefaultValue Map<String, Connection> connections) {

    /** The account of {@code sluice.stripe.*} itself, the default one. */
    Connection defaultConnection() {
        return new Connection(apiBase, apiKey, requestsPerSecond);
    }

    /** Never the key: configuration ends up in logs and failure messages. */
    @Override
    public String toString() {
        return "StripeProperties[" + defaultConnection() + ", connections=" + connections + "]";
    }

    /**
     * One more Stripe account, as {@code sluice.stripe.*} describes the default one; timeouts and waits are shared.
     *
     * @param apiBase           its API address
     * @param apiKey            its secret or restricted key
     * @param requestsPerSecond Sluice's own limit for this account
     */
    record Connection(@NotBlank @DefaultValue("https://api.stripe.com") String apiBase,
                      String apiKey,
                      @Min(1) @DefaultValue("25") int requestsPerSecond) {

        /** Stripe's limits are per second. */
        RateLimit rateLimit() {
            return new RateLimit(requestsPerSecond, Duration.ofSeconds(1));
        }

        @Override
        public String toString() {
            return "Connection[apiBase=" + apiBase + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "(none)"
                    : "(set)") + ", requestsPerSecond=" + requestsPerSecond + "]";
        }
    }
}
