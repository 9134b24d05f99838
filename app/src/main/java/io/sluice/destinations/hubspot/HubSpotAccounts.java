package io.sluice.destinations.hubspot;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.quotas.QuotaStore;
import io.sluice.sync.SyncDefinition;

/** Every HubSpot account: the default one first, then each {@code sluice.hubspot.connections.<name>}. */
@Component
class HubSpotAccounts {

    private final Map<Optional<String>, HubSpotAccount> accounts = new LinkedHashMap<>();

    HubSpotAccounts(HubSpotProperties properties, HubSpotConnection defaultConnection, QuotaStore quotas,
                    ObjectMapper json) {
        add(Optional.empty(), properties.defaultConnection(), defaultConnection, "sluice.hubspot", quotas, json);
        properties.connections().forEach((name, connection) -> add(Optional.of(name), connection,
                new HubSpotConnection(connection.baseUrl(), connection.token()),
                "sluice.hubspot.connections." + name, quotas, json));
    }

    private void add(Optional<String> name, HubSpotProperties.Connection settings, HubSpotConnection connection,
                     String property, QuotaStore quotas, ObjectMapper json) {
        DailyBudget budget = new DailyBudget(property, Destination.connectionKey(HubSpotDestination.NAME, name),
                settings.dailyLimit(), settings.dailyResetZone(), quotas, Clock.systemUTC());
        accounts.put(name, new HubSpotAccount(name, connection, property, settings.burstLimit(), budget,
                new HubSpotFailures(budget, settings.window(), json)));
    }

    Iterable<HubSpotAccount> all() {
        return accounts.values();
    }

    /** The account a sync writes to; the loader let only known connections through. */
    HubSpotAccount of(SyncDefinition sync) {
        return accounts.get(sync.connection());
    }
}
