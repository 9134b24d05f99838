package io.sluice.alerts;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code sluice.alerts.*}: the conditions every sync is watched for (a sync file's
 * {@code alerts:} block overrides them per sync) and where alerts go.
 *
 * @param enabled                  {@code false} sends no alert at all
 * @param runFailed                alert when a run fails
 * @param rejectedRowsPercent      alert when more than this share of the rows a run sent was rejected
 * @param late                     alert when a scheduled sync has not succeeded within twice its schedule
 * @param rowCountDeviationPercent alert when a run reads more or fewer rows than the average of the
 *                                 previous {@code rowCountRuns} successful runs by more than this share
 * @param rowCountRuns             runs the row-count average is taken over; younger syncs are not compared
 * @param openDeadLetters          alert when more dead letters than this are open for a sync
 * @param checkInterval            how often late syncs and open dead letters are checked between runs
 */
@Validated
@ConfigurationProperties("sluice.alerts")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean runFailed,
        @DecimalMin("0") @DecimalMax("100") @DefaultValue("10") double rejectedRowsPercent,
        @DefaultValue("true") boolean late,
        @DecimalMin("0") @DefaultValue("50") double rowCountDeviationPercent,
        @Min(1) @DefaultValue("5") int rowCountRuns,
        @Min(0) @DefaultValue("100") long openDeadLetters,
        @NotNull @DefaultValue("1m") Duration checkInterval,
        @Valid @NotNull @DefaultValue Slack slack,
        @Valid @NotNull @DefaultValue Webhook webhook) {

    /**
     * @param enabled  post alerts through Sluice's Slack client ({@code sluice.slack.*}) to its alert channel
     * @param attempts how often an alert Slack throttled is posted, each time after the wait Slack asked for
     */
    public record Slack(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("3") int attempts) {
    }

    /**
     * @param url            where each alert and recovery is POSTed as JSON; none when unset
     * @param connectTimeout how long connecting to it may take
     * @param timeout        how long one POST may take in all
     */
    public record Webhook(URI url,
                          @NotNull @DefaultValue("5s") Duration connectTimeout,
                          @NotNull @DefaultValue("10s") Duration timeout) {
    }
}
