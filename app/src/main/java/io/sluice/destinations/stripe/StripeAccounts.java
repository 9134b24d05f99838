package io.sluice.destinations.stripe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.sluice.destinations.RateLimit;
import io.sluice.sync.SyncDefinition;

/**
 * Every Stripe account: the default one of {@code sluice.stripe.*}, then each
 * {@code sluice.stripe.connections.<name>}, each with its own client and its own request route, throttled to its
 * own limit.
 */
@Component
class StripeAccounts {

    private static final String REQUEST = "stripe-request";

    /**
     * @param name the connection's name; empty for the default account
     */
    record Account(Optional<String> name, StripeApi api, RateLimit rateLimit) {

        /** The route each of the account's requests takes, behind its throttle. */
        String requestRouteId() {
            return name.map(connection -> REQUEST + "-" + connection).orElse(REQUEST);
        }

        String requestEndpoint() {
            return "direct:" + requestRouteId();
        }
    }

    private final Map<Optional<String>, Account> accounts = new LinkedHashMap<>();

    StripeAccounts(StripeProperties properties, StripeConnection defaultConnection) {
        accounts.put(Optional.empty(), new Account(Optional.empty(),
                new StripeApi(defaultConnection, "sluice.stripe.api-key", properties),
                properties.defaultConnection().rateLimit()));
        properties.connections().forEach((name, connection) -> accounts.put(Optional.of(name),
                new Account(Optional.of(name), new StripeApi(new StripeConnection(connection.apiBase(),
                        connection.apiKey()), "sluice.stripe.connections." + name + ".api-key", properties),
                        connection.rateLimit())));
    }

    Iterable<Account> all() {
        return accounts.values();
    }

    /** The account a sync writes to; the loader let only known connections through. */
    Account of(SyncDefinition sync) {
        return accounts.get(sync.connection());
    }
}
