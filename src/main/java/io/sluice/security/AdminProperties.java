package io.sluice.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the admin API: bearer tokens, several per role (comma-separated) so a new token can be
 * rolled out before the old one is withdrawn.
 *
 * @param operatorToken tokens that may also run, preview, replay and discard
 * @param viewerToken   tokens that may list syncs, runs and dead letters (without their payloads)
 */
@ConfigurationProperties("sluice.admin")
public record AdminProperties(@DefaultValue List<String> operatorToken, @DefaultValue List<String> viewerToken) {
}
