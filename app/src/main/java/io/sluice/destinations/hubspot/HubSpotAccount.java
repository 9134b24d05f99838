package io.sluice.destinations.hubspot;

import java.util.Optional;

import io.sluice.destinations.Destination;
import io.sluice.destinations.RateLimit;

/**
 * One HubSpot account Sluice writes to — the default one of {@code sluice.hubspot.*} or a named connection — with
 * what it alone is limited by: its token, its burst limit, its daily budget.
 *
 * @param name       the connection's name; empty for the default account
 * @param connection where its calls go, with its token
 * @param property   the prefix of its properties, for messages: {@code sluice.hubspot} or
 *                   {@code sluice.hubspot.connections.<name>}
 */
record HubSpotAccount(Optional<String> name, HubSpotConnection connection, String property, RateLimit burstLimit,
                      DailyBudget budget, HubSpotFailures failures) {

    private static final String CALL = "hubspot-call";

    /** The route every call to this account takes, behind its throttle. */
    String callRouteId() {
        return name.map(connection -> CALL + "-" + connection).orElse(CALL);
    }

    /** What its throttle and daily budget are kept under, shared by every instance when quotas are. */
    String quotaKey() {
        return Destination.connectionKey(HubSpotDestination.NAME, name);
    }

    String callEndpoint() {
        return "direct:" + callRouteId();
    }
}
