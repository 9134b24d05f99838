package io.sluice.alerts;

/** Somewhere alerts go. A channel that cannot deliver throws; the others still get the alert. */
interface AlertChannel {

    String name();

    void send(Alert alert);
}
