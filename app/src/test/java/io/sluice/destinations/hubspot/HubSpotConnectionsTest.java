package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox.CrmObject;
import io.sluice.sandbox.hubspot.HubSpotSandbox.Property;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * Two HubSpot portals: the default one and {@code sluice.hubspot.connections.partner}, each with a token of its own
 * and a daily budget of its own. The partner portal's budget of one call is spent by its own sync; the default
 * portal's syncs do not notice.
 */
class HubSpotConnectionsTest extends HubSpotSyncTestSupport {

    static final HubSpotSandbox HUBSPOT = HubSpotSandbox.start(0);
    static final HubSpotSandbox PARTNER = HubSpotSandbox.start(0, "pat-eu1-partner-portal-token");
    static final TestDatabase WAREHOUSE = TestDatabases.h2("hubspot_portals_warehouse");

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        WAREHOUSE.jdbc().execute("CREATE SCHEMA hs");
        WAREHOUSE.jdbc().execute(customersTable("hs.own"));
        WAREHOUSE.jdbc().execute(customersTable("hs.partner"));
        configure(registry, HUBSPOT, WAREHOUSE, Map.of(
                "own_customers.yaml", contactsSync("hs.own", "full", "hubspot:\n  batch_size: 1\n"),
                "partner_customers.yaml", "connection: partner\n"
                        + contactsSync("hs.partner", "full", "hubspot:\n  batch_size: 1\n")));
        registry.add("sluice.hubspot.connections.partner.base-url", PARTNER::baseUrl);
        registry.add("sluice.hubspot.connections.partner.token", PARTNER::token);
        registry.add("sluice.hubspot.connections.partner.daily-limit", () -> "1");
    }

    @Test
    void eachPortalGetsItsOwnRecordsAndSpendsItsOwnBudget() {
        for (HubSpotSandbox portal : new HubSpotSandbox[] {HUBSPOT, PARTNER}) {
            portal.defineProperties("contacts", Property.uniqueText("customer_id"), Property.number("lifetime_value"));
        }
        for (int i = 1; i <= 2; i++) {
            WAREHOUSE.jdbc().update("INSERT INTO hs.own VALUES (?, ?, ?, ?)", "own_" + i, "own" + i + "@example.com",
                    "Own", i);
            WAREHOUSE.jdbc().update("INSERT INTO hs.partner VALUES (?, ?, ?, ?)", "partner_" + i,
                    "partner" + i + "@example.com", "Partner", i);
        }

        SyncRun partner = runner.run("partner_customers", SyncRun.Trigger.MANUAL);
        SyncRun own = runner.run("own_customers", SyncRun.Trigger.MANUAL);

        assertThat(partner.counts().created()).as("the partner portal's budget allows one call a day").isEqualTo(1);
        assertThat(deadLetters("partner_customers", "open")).singleElement().satisfies(letter -> assertThat(
                letter.get("errorMessage").toString()).contains("sluice.hubspot.connections.partner.daily-limit"));
        assertThat(own.counts().created()).isEqualTo(2);
        assertThat(HUBSPOT.objects("contacts")).extracting(CrmObject::properties)
                .extracting(properties -> properties.get("customer_id")).containsExactlyInAnyOrder("own_1", "own_2");
        assertThat(PARTNER.objects("contacts")).extracting(CrmObject::properties)
                .extracting(properties -> properties.get("customer_id")).singleElement().asString()
                .startsWith("partner_");
        assertThat(PARTNER.requests()).allSatisfy(request ->
                assertThat(request.authorization()).isEqualTo("Bearer " + PARTNER.token()));
    }
}
