package io.sluice.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Keeps the leases of this instance's runs alive; a dead instance's leases expire and free its syncs. */
@Component
class LeaseRenewalRoute extends RouteBuilder {

    private final ClusterProperties cluster;

    LeaseRenewalRoute(ClusterProperties cluster) {
        this.cluster = cluster;
    }

    @Override
    public void configure() {
        from("timer:sluice-lease-renewal?period=" + cluster.leaseRenewal().toMillis())
                .routeId("lease-renewal")
                .bean("runLeases", "renew");
    }
}
