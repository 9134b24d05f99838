package io.sluice.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
import io.sluice.sync.SyncFileDestination;

/**
 * Sluice's own meters, every one tagged {@code sync}, {@code destination} and {@code connection} (the
 * destination's named connection, {@code default} for its unnamed one): row counters and the
 * run timer recorded as each run ends, gauges read when scraped, and the destination calls counted at
 * the delivery step every destination shares.
 */
@Component("syncMetrics")
public class SyncMetrics {

    private final MeterRegistry meters;
    private final RunRepository runs;
    private final WatermarkStore watermarks;
    private final DeadLetterStore deadLetters;
    private final Clock clock;

    SyncMetrics(MeterRegistry meters, SyncCatalog catalog, RunRepository runs, WatermarkStore watermarks,
                DeadLetterStore deadLetters, Clock clock) {
        this.meters = meters;
        this.runs = runs;
        this.watermarks = watermarks;
        this.deadLetters = deadLetters;
        this.clock = clock;
        catalog.valid().forEach(this::registerGauges);
    }

    /**
     * The per-sync gauges read the state store when scraped, so they show the runs of every instance sharing
     * it. Registering them again is a no-op: each run does, so a sync added by a reload gets them too.
     */
    private void registerGauges(SyncDefinition sync) {
        Tags tags = tags(sync);
        gauge("sluice.last.success", tags, "seconds", sync.name(), this::lastSuccessEpochSeconds,
                "When the sync last succeeded, in seconds since the epoch (NaN: never)");
        gauge("sluice.watermark.lag", tags, "seconds", sync.name(), this::watermarkLagSeconds,
                "How far the incremental cursor is behind now, for timestamp cursors (NaN: none)");
        gauge("sluice.dead.letters.open", tags, null, sync.name(), deadLetters::countOpen,
                "Dead letters waiting for a replay or a discard");
    }

    @EventListener
    void runFinished(RunFinished finished) {
        SyncDefinition sync = finished.sync();
        SyncRun run = finished.run();
        registerGauges(sync);
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
        count("sluice.rows.filtered", tags, counts.filtered());
        Timer.builder("sluice.run.duration").description("How long runs take, by outcome")
                .tags(tags.and("status", run.status().name()))
                .register(meters)
                .record(Duration.between(run.startedAt(), run.endedAt()));
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
        // strong: the sync's name is the gauge's only link to what it reads, and a reload replaces that string
        Gauge.builder(name, state, value).tags(tags).baseUnit(unit).description(description).strongReference(true)
                .register(meters);
    }

    private double lastSuccessEpochSeconds(String sync) {
        return runs.lastSucceeded(sync).map(run -> (double) run.endedAt().getEpochSecond()).orElse(Double.NaN);
    }

    private double watermarkLagSeconds(String sync) {
        return watermarks.find(sync)
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
        return Tags.of("sync", sync.name(), "destination", sync.destination(),
                "connection", sync.connection().orElse(SyncFileDestination.DEFAULT_CONNECTION));
    }
}
