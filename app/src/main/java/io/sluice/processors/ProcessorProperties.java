package io.sluice.processors;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The team's processors ({@code sluice.processors.*}).
 *
 * @param dir     the folder of processors ({@code <name>.groovy}), read at start and again with the sync files
 * @param timeout how long a processor may work on one record; a record it takes longer on becomes a dead letter
 *                and the run goes on. Checked at every loop turn and method call of the processor: a call that
 *                blocks (a sleep, a network read) is not cut short
 */
@Validated
@ConfigurationProperties("sluice.processors")
public record ProcessorProperties(@NotBlank @DefaultValue("processors") String dir,
                                  @NotNull @DefaultValue("1s") Duration timeout) {
}
