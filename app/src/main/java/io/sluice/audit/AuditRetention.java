package io.sluice.audit;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;

/** Purges audit rows older than {@code sluice.audit.retention}, every {@code sluice.audit.purge-interval}. */
@Component
public class AuditRetention extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final RunAudit audit;
    private final SluiceProperties.Audit settings;
    private final Clock clock;

    AuditRetention(RunAudit audit, SluiceProperties properties, Clock clock) {
        this.audit = audit;
        this.settings = properties.audit();
        this.clock = clock;
    }

    @Override
    public void configure() {
        long interval = Math.max(1, settings.purgeInterval().toMillis());
        from("timer:sluice-audit-purge?period=" + interval + "&delay=" + interval)
                .routeId("audit-purge")
                .process(exchange -> purge());
    }

    /** @return rows purged */
    public long purge() {
        Duration retention = settings.retention();
        long purged = audit.purgeOlderThan(clock.instant().minus(retention));
        if (purged > 0) {
            LOG.info("Purged {} audit row(s) older than {}", purged, retention);
        }
        return purged;
    }
}
