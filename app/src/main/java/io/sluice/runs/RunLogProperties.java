package io.sluice.runs;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param progressEvery a long run logs and stores its counts each time it has read this many more rows (and stores them after every batch)
 */
@Validated
@ConfigurationProperties("sluice.logging")
public record RunLogProperties(@Min(1) @DefaultValue("10000") long progressEvery) {
}
