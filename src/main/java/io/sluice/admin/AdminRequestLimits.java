package io.sluice.admin;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxRequestSize the largest request body the admin API reads; a larger one is refused with 413
 *                       before it is read, so a huge upload cannot tie up memory or a request thread
 */
@Validated
@ConfigurationProperties("sluice.admin")
record AdminRequestLimits(@NotNull @DefaultValue("64KB") DataSize maxRequestSize) {
}
