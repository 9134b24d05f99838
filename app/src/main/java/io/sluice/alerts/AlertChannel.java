package io.sluice.alerts;

/**
 * Somewhere alerts go; every bean of this type gets each alert. A channel that cannot deliver throws; the others
 * still get the alert.
 */
public interface AlertChannel {

    String name();

    void send(Alert alert);
}
