package io.sluice.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Reads the routes folder again every {@code sluice.reload.interval}, so edited sync files take effect. */
@Component
@ConditionalOnProperty(name = "sluice.reload.enabled", havingValue = "true", matchIfMissing = true)
class ReloadRoutes extends RouteBuilder {

    private final ReloadProperties properties;

    ReloadRoutes(ReloadProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        long period = properties.interval().toMillis();
        from("timer:sluice-reload?period=" + period + "&delay=" + period).routeId("sync-files-reload")
                .bean("syncReloader", "reload");
    }
}
