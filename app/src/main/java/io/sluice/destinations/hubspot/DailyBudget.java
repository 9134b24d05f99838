package io.sluice.destinations.hubspot;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import io.sluice.destinations.DeliveryException;

/**
 * HubSpot's daily request limit, counted on Sluice's side so that once it is spent the rest of a run
 * fails fast instead of asking HubSpot again and again. The count starts over at midnight in the
 * account's time zone, as HubSpot's does. It counts this node's calls only; HubSpot telling that the
 * limit is reached (other apps of the account share it) spends the rest of the day too. Each account
 * ({@link HubSpotAccount}) has its own.
 */
class DailyBudget {

    static final String SPENT = "DAILY_BUDGET_SPENT";

    private final String property;
    private final long limit;
    private final ZoneId zone;
    private final Clock clock;
    private LocalDate day;
    private long used;

    /** @param property the prefix of the account's properties: {@code sluice.hubspot[.connections.<name>]} */
    DailyBudget(String property, long limit, ZoneId zone, Clock clock) {
        this.property = property;
        this.limit = limit;
        this.zone = zone;
        this.clock = clock;
    }

    /** Counts one call, or refuses it when today's budget is spent. */
    synchronized void take() {
        rollOver();
        if (used >= limit) {
            throw new DeliveryException(true, SPENT, "HubSpot's daily request budget of " + limit
                    + " calls (" + property + ".daily-limit) is spent until midnight " + zone.getId()
                    + "; this batch was not sent. Replay its dead letters once the budget renews.", null);
        }
        used++;
    }

    /** HubSpot answered that the account's daily limit is reached: no more calls until the day ends. */
    synchronized void exhaust() {
        rollOver();
        used = Math.max(used, limit);
    }

    private void rollOver() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
    }
}
