package io.sluice.security;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the admin API, and how much it reads: bearer tokens, several per role (comma-separated) so
 * a new token can be rolled out before the old one is withdrawn.
 *
 * @param operatorToken  tokens that may also run, preview, replay and discard
 * @param viewerToken    tokens that may list syncs, runs and dead letters (without their payloads)
 * @param maxRequestSize the largest request body the admin API reads; a larger one is refused with 413
 *                       before it is read, so a huge upload cannot tie up memory or a request thread
 */
@Validated
@ConfigurationProperties("sluice.admin")
public record AdminProperties(@DefaultValue List<String> operatorToken, @DefaultValue List<String> viewerToken,
                              @NotNull @DefaultValue("64KB") DataSize maxRequestSize) {
}
