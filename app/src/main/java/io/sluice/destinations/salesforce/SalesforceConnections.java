package io.sluice.destinations.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.RateLimit;
import io.sluice.sync.SyncDefinition;

/**
 * The orgs Sluice writes to: the default one, camel-salesforce's own {@code salesforce} component, and one
 * component per {@code sluice.salesforce.connections.<name>}, registered in Camel as {@code salesforce-<name>} with
 * its own login and session. Each org's calls pass a call route, and so a throttle, of their own.
 */
@Component
class SalesforceConnections {

    private static final String DEFAULT_COMPONENT = "salesforce";
    private static final String CALL = "salesforce-call";

    private final RateLimit defaultRateLimit;
    private final Map<String, SalesforceProperties.Connection> named;

    SalesforceConnections(SalesforceProperties properties) {
        this.defaultRateLimit = properties.rateLimit();
        this.named = new TreeMap<>(properties.connections());
    }

    Set<String> names() {
        return named.keySet();
    }

    /** Every org, each with its call route and pace: the default one first. */
    Map<Optional<String>, RateLimit> rateLimits() {
        Map<Optional<String>, RateLimit> limits = new LinkedHashMap<>();
        limits.put(Optional.empty(), defaultRateLimit);
        named.forEach((name, connection) -> limits.put(Optional.of(name), connection.rateLimit()));
        return limits;
    }

    /**
     * Adds a component per named org. Spring Boot's customizer copies {@code camel.component.salesforce.*} onto every
     * Salesforce component as it is added, so the org's own login settings are set after it, replacing the default
     * org's.
     */
    void register(CamelContext camel) {
        named.forEach((name, connection) -> {
            SalesforceComponent component = new SalesforceComponent();
            camel.addComponent(componentName(Optional.of(name)), component);
            component.setLoginConfig(null);
            component.setInstanceUrl(null);
            component.setLoginUrl(connection.loginUrl());
            component.setAuthenticationType(connection.authenticationType());
            component.setClientId(connection.clientId());
            component.setClientSecret(connection.clientSecret());
            component.setRefreshToken(connection.refreshToken());
            component.setUserName(connection.userName());
            component.setPassword(connection.password());
            component.setKeystore(keystore(connection));
            // Sluice starts while an org is unreachable or refuses its credentials: only its own syncs fail
            component.setLazyLogin(true);
        });
    }

    private static KeyStoreParameters keystore(SalesforceProperties.Connection connection) {
        if (connection.keystore() == null) {
            return null;
        }
        KeyStoreParameters keystore = new KeyStoreParameters();
        keystore.setResource(connection.keystore());
        keystore.setPassword(connection.keystorePassword());
        return keystore;
    }

    /** The Camel component a sync's calls go through. */
    static String componentName(Optional<String> connection) {
        return connection.map(name -> DEFAULT_COMPONENT + "-" + name).orElse(DEFAULT_COMPONENT);
    }

    static String componentName(SyncDefinition sync) {
        return componentName(sync.connection());
    }

    /** The id of the route that throttles and makes one org's calls. */
    static String callRouteId(Optional<String> connection) {
        return connection.map(name -> CALL + "-" + name).orElse(CALL);
    }

    /** Where a batch's calls go: its org's throttled call route. */
    static String callEndpoint(DeliveryBatch batch) {
        return "direct:" + callRouteId(batch.sync().connection());
    }
}
