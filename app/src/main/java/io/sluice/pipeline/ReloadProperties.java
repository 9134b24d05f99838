package io.sluice.pipeline;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Picking up edited sync files while Sluice runs.
 *
 * @param enabled  read the routes folder again every {@code interval}; off, only {@code POST /admin/syncs/reload} does
 * @param interval how often the folder is read again
 */
@Validated
@ConfigurationProperties("sluice.reload")
public record ReloadProperties(@DefaultValue("true") boolean enabled,
                               @NotNull @DefaultValue("10s") Duration interval) {
}
