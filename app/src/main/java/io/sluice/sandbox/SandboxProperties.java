package io.sluice.sandbox;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded demo: local fakes of each destination and a seeded warehouse. A destination's sandbox
 * stands in only while no real credentials for it are configured.
 *
 * @param enabled         allow sandboxes at all
 * @param seedWarehouse   create and fill the demo tables in the configured warehouse
 * @param salesforcePort  port of the Salesforce sandbox (0: any free port)
 * @param operatorToken   the demo's admin tokens, accepted only while no {@code sluice.admin.*} token is set
 */
@ConfigurationProperties("sluice.sandbox")
public record SandboxProperties(@DefaultValue("false") boolean enabled,
                                @DefaultValue("false") boolean seedWarehouse,
                                @DefaultValue("0") int salesforcePort,
                                @DefaultValue List<String> operatorToken,
                                @DefaultValue List<String> viewerToken) {
}
