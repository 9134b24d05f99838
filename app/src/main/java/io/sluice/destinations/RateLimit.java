package io.sluice.destinations;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * At most {@code requests} calls in any {@code period}: every vendor limit Sluice paces itself by, whatever its
 * properties are called. Properties that bind to it directly ({@code sluice.salesforce.rate-limit},
 * {@code sluice.http.rate-limit}) default to 10 calls a second.
 *
 * @param requests calls allowed in any one {@code period}
 * @param period   the window calls are counted in
 */
public record RateLimit(@Min(1) @DefaultValue("10") int requests,
                        @NotNull @DefaultValue("1s") Duration period) {
}
