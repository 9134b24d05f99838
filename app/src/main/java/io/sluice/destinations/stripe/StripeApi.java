package io.sluice.destinations.stripe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.HttpHeaders;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerListParams;
import com.stripe.param.billing.MeterEventCreateParams;

import io.sluice.destinations.DeliveryException;

/**
 * The calls Sluice makes, through stripe-java: three about customers, and creating a meter event. Its own network retries are off: retrying is the
 * sync pipeline's job, with backoff, dead letters and the same idempotency key. One per account
 * ({@link StripeAccounts}).
 */
class StripeApi {

    /** Enough to tell one match from several. */
    private static final long EMAIL_MATCHES_SHOWN = 10;

    /**
     * @param replayedFrom the original request when Stripe answered with the answer it remembered for the key, or
     *                     null when the write ran now
     */
    record Written(String replayedFrom) {

        boolean replayed() {
            return replayedFrom != null;
        }
    }

    private final StripeClient client;
    private final String keyProperty;
    private final Duration rateLimitedWait;

    /** @param keyProperty where the account's key is configured, for the message when it is not */
    StripeApi(StripeConnection connection, String keyProperty, StripeProperties properties) {
        this.keyProperty = keyProperty;
        this.rateLimitedWait = properties.rateLimitedWait();
        // stripe-java refuses to build a client without a key; without one, Stripe syncs fail and nothing else does
        this.client = !connection.hasApiKey() ? null : StripeClient.builder()
                .setApiKey(connection.apiKey())
                .setApiBase(connection.apiBase())
                .setMaxNetworkRetries(0)
                .setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()))
                .build();
    }

    /** Customers whose e-mail address is exactly this one; Stripe compares letter case too. */
    List<Customer> customersWithEmail(String email) throws StripeRefusal {
        CustomerListParams params = CustomerListParams.builder().setEmail(email).setLimit(EMAIL_MATCHES_SHOWN).build();
        return send(() -> client.customers().list(params).getData());
    }

    Written update(String customerId, CustomerChange change, String idempotencyKey) throws StripeRefusal {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        Customer updated = send(() -> client.customers().update(customerId, change.params(), options));
        return new Written(replayedFrom(updated.getLastResponse().headers()).orElse(null));
    }

    void createMeterEvent(MeterEventCreateParams params, String idempotencyKey) throws StripeRefusal {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        send(() -> client.billing().meterEvents().create(params, options));
    }

    Customer retrieve(String customerId) throws StripeRefusal {
        return send(() -> client.customers().retrieve(customerId));
    }

    /**
     * The request whose answer Stripe gave again, when an answer carries {@code Idempotent-Replayed: true}: Stripe
     * names it in {@code Original-Request}.
     */
    static Optional<String> replayedFrom(HttpHeaders headers) {
        return headers.firstValue("Idempotent-Replayed").filter("true"::equals)
                .map(replayed -> headers.firstValue("Original-Request").orElse("unnamed"));
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws StripeException;
    }

    private <T> T send(Call<T> call) throws StripeRefusal {
        if (client == null) {
            throw new DeliveryException(false, "no_api_key",
                    "No Stripe API key: set " + keyProperty + " (nothing was sent)", null);
        }
        try {
            return call.call();
        } catch (StripeException e) {
            throw StripeRefusal.of(e, rateLimitedWait);
        }
    }
}
