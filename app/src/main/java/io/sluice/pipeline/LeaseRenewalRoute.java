package io.sluice.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Keeps the leases of this instance's runs alive, and closes the runs of instances whose leases expired: a dead
 * instance's syncs are freed, and its runs shown failed, by whichever instance looks first.
 */
@Component
class LeaseRenewalRoute extends RouteBuilder {

    private final ClusterProperties cluster;

    LeaseRenewalRoute(ClusterProperties cluster) {
        this.cluster = cluster;
    }

    @Override
    public void configure() {
        long period = cluster.leaseRenewal().toMillis();
        from("timer:sluice-lease-renewal?period=" + period)
                .routeId("lease-renewal")
                .bean("runLeases", "renew");
        // a timer of its own, so its own thread: a slow look through the runs never delays a renewal
        from("timer:sluice-abandoned-runs?period=" + period)
                .routeId("abandoned-runs")
                .bean("syncRunner", "closeAbandoned");
    }
}
