package io.sluice.sync;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a sync file's schedule may ask for ({@code sluice.schedule.*}).
 *
 * @param minInterval the shortest time a cron expression may leave between two runs of a sync: a sync file
 *                    whose schedule fires more often is refused, when Sluice loads it and by {@code validate}.
 *                    The named schedules ({@code every_minute}, ...) are always accepted
 */
@Validated
@ConfigurationProperties("sluice.schedule")
public record ScheduleProperties(@NotNull @DefaultValue(ScheduleProperties.DEFAULT_MIN_INTERVAL) Duration minInterval) {

    /** As a deployment would write it; also what a loader built without configuration uses. */
    static final String DEFAULT_MIN_INTERVAL = "1m";
}
