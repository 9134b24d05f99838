package io.sluice.alerts;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Checks the conditions that arise between runs (a sync gone late, dead letters left open). */
@Component
class AlertCheckRoutes extends RouteBuilder {

    private final AlertProperties properties;

    AlertCheckRoutes(AlertProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        long interval = properties.checkInterval().toMillis();
        from("timer:sluice-alert-checks?period=" + interval + "&delay=" + interval)
                .routeId("alert-checks")
                .bean("alertConditions", "checkAll").id("alert-checks-all");
    }
}
