package io.sluice.destinations.hubspot;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import io.sluice.destinations.DeliveryException;
import io.sluice.quotas.QuotaStore;

/**
 * HubSpot's daily request limit, counted on Sluice's side so that once it is spent the rest of a run
 * fails fast instead of asking HubSpot again and again. The count starts over at midnight in the
 * account's time zone, as HubSpot's does. It counts the calls of every instance sharing quotas
 * ({@code sluice.quotas.shared}), and survives their restarts; kept in memory, this instance's only.
 * HubSpot telling that the limit is reached (other apps of the account share it) spends the rest of the
 * day too. Each account ({@link HubSpotAccount}) has its own.
 */
class DailyBudget {

    static final String SPENT = "DAILY_BUDGET_SPENT";
    private final String property;
    /** The key the budget is kept under: one HubSpot account. */
    private final String key;
    private final long limit;
    private final ZoneId zone;
    private final QuotaStore store;
    private final Clock clock;

    /**
     * @param property the prefix of the account's properties: {@code sluice.hubspot[.connections.<name>]}
     * @param key      the account's quota key ({@link io.sluice.destinations.Destination#connectionKey})
     */
    DailyBudget(String property, String key, long limit, ZoneId zone, QuotaStore store, Clock clock) {
        this.property = property;
        this.key = key;
        this.limit = limit;
        this.zone = zone;
        this.store = store;
        this.clock = clock;
    }

    /** Counts one call, or refuses it when today's budget is spent. */
    void take() {
        if (!store.takeFromBudget(key, today(), limit)) {
            throw new DeliveryException(true, SPENT, "HubSpot's daily request budget of " + limit
                    + " calls (" + property + ".daily-limit) is spent until midnight " + zone.getId()
                    + "; this batch was not sent. Replay its dead letters once the budget renews.", null);
        }
    }

    /** HubSpot answered that the account's daily limit is reached: no more calls until the day ends. */
    void exhaust() {
        store.spendBudget(key, today(), limit);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
