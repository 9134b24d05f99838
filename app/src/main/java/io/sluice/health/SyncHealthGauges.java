package io.sluice.health;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code sluice.syncs{status}}: how many sync files are FAILING, LATE or UP, read when scraped — the
 * health group {@code syncs} as a metric, to alert on without polling health.
 */
@Component
class SyncHealthGauges {

    SyncHealthGauges(SyncHealth health, MeterRegistry meters) {
        for (Status status : List.of(SyncHealth.FAILING, SyncHealth.LATE, Status.UP)) {
            Gauge.builder("sluice.syncs", health, syncs -> syncs.count(status))
                    .tag("status", status.getCode())
                    .description("Sync files by health status: FAILING (does not load, or its last runs all failed), "
                            + "LATE or UP")
                    .register(meters);
        }
    }
}
