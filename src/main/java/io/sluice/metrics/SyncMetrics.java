package io.sluice.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sluice.deadletter.DeadLetterStore;
import io.sluice.destinations.RateLimitedException;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunFinished;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.state.Watermark;
import io.sluice.state.WatermarkStore;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * Sluice's own meters, every one tagged {@code sync} and {@code destination}: row counters and the
 * run timer recorded as each run ends, gauges read when scraped, and the destination calls counted at
 * the delivery step every destination shares.
 */
@Component("syncMetrics")
public class SyncMetrics {

    private final MeterRegistry meters;
    private final WatermarkStore watermarks;
    private final Clock clock;
    private final Map<String, SyncGauges> gauges = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry meters, SyncCatalog catalog, RunRepository runs, WatermarkStore watermarks,
                DeadLetterStore deadLetters, Clock clock) {
        this.meters = meters;
        this.watermarks = watermarks;
        this.clock = clock;
        for (SyncDefinition sync : catalog.valid()) {
            SyncGauges state = new SyncGauges(runs.lastSucceeded(sync.name()).map(SyncRun::endedAt),
                    watermarks.find(sync.name()));
            gauges.put(sync.name(), state);
            Tags tags = tags(sync);
            gauge("sluice.last.success", tags, "seconds", state, SyncGauges::lastSuccessEpochSeconds,
                    "When the sync last succeeded, in seconds since the epoch (NaN: never)");
            gauge("sluice.watermark.lag", tags, "seconds", state, this::watermarkLagSeconds,
                    "How far the incremental cursor is behind now, for timestamp cursors (NaN: none)");
            gauge("sluice.dead.letters.open", tags, null, sync.name(), deadLetters::countOpen,
                    "Dead letters waiting for a replay or a discard");
        }
    }

    @EventListener
    void runFinished(RunFinished finished) {
        SyncDefinition sync = finished.sync();
        SyncRun run = finished.run();
        Tags tags = tags(sync);
        SyncRun.Counts counts = run.counts();
        count("sluice.rows.read", tags, counts.read());
        count("sluice.rows.duplicates", tags, counts.duplicates());
        count("sluice.rows.unchanged", tags, counts.unchanged());
        // not "created": Prometheus reserves the _created suffix for a counter's creation time
        count("sluice.rows.inserted", tags, counts.created());
        count("sluice.rows.updated", tags, counts.updated());
        count("sluice.rows.deleted", tags, counts.deleted());
        count("sluice.rows.failed", tags, counts.failed());
        count("sluice.rows.dead.lettered", tags, counts.deadLettered());
        Timer.builder("sluice.run.duration").description("How long runs take, by outcome")
                .tags(tags.and("status", run.status().name()))
                .register(meters)
                .record(Duration.between(run.startedAt(), run.endedAt()));
        SyncGauges state = gauges.get(sync.name());
        if (state != null && run.status() == SyncRun.Status.SUCCEEDED) {
            state.lastSuccess = Optional.of(run.endedAt());
            state.watermark = watermarks.find(sync.name());
        }
    }

    /** Before a batch is sent: one request to the destination. */
    public void requestSent(Exchange exchange) {
        count("sluice.destination.requests", tags(exchange), 1);
    }

    /** Before a batch is sent again: one more request, which is a retry, after a failure. */
    public void retrying(Exchange exchange) {
        Tags tags = tags(exchange);
        count("sluice.destination.requests", tags, 1);
        count("sluice.destination.retries", tags, 1);
        requestFailed(exchange);
    }

    /** A request failed; counted as throttled (429) when the destination asked to slow down. */
    public void requestFailed(Exchange exchange) {
        if (ObjectHelper.getException(RateLimitedException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)) != null) {
            count("sluice.destination.rate.limited", tags(exchange), 1);
        }
    }

    private void count(String name, Tags tags, long amount) {
        meters.counter(name, tags).increment(amount);
    }

    private <T> void gauge(String name, Tags tags, String unit, T state, ToDoubleFunction<T> value,
                           String description) {
        Gauge.builder(name, state, value).tags(tags).baseUnit(unit).description(description).register(meters);
    }

    private double watermarkLagSeconds(SyncGauges state) {
        return state.watermark
                .filter(watermark -> watermark.type() == Watermark.Type.TIMESTAMP)
                // cursor timestamps carry no zone: they are read as UTC, like the rest of Sluice's times
                .map(watermark -> LocalDateTime.parse(watermark.value()).toInstant(ZoneOffset.UTC))
                .map(at -> (double) Duration.between(at, clock.instant()).toSeconds())
                .orElse(Double.NaN);
    }

    private static Tags tags(Exchange exchange) {
        return tags(exchange.getProperty(RunContext.PROPERTY, RunContext.class).sync());
    }

    private static Tags tags(SyncDefinition sync) {
        return Tags.of("sync", sync.name(), "destination", sync.destination());
    }

    /** What the per-sync gauges read; updated as runs succeed, first read from the state store. */
    private static final class SyncGauges {
        private volatile Optional<Instant> lastSuccess;
        private volatile Optional<Watermark> watermark;

        SyncGauges(Optional<Instant> lastSuccess, Optional<Watermark> watermark) {
            this.lastSuccess = lastSuccess;
            this.watermark = watermark;
        }

        double lastSuccessEpochSeconds() {
            return lastSuccess.map(at -> (double) at.getEpochSecond()).orElse(Double.NaN);
        }
    }
}
