package io.sluice.health;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param failedRuns a sync whose last this many runs all failed is reported DOWN
 */
@Validated
@ConfigurationProperties("sluice.health")
public record SyncHealthProperties(@Min(1) @DefaultValue("3") int failedRuns) {
}
