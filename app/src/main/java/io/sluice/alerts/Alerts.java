package io.sluice.alerts;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Raises and clears alert incidents, once each: raising an incident that is already open sends
 * nothing, and clearing one that is not open sends nothing. Every channel (Slack, the webhook) gets
 * each message; a channel that fails is logged and counted ({@code sluice.alerts.failed}) and does not
 * reopen the incident, so an unreachable channel never turns into a flood once it is back.
 */
@Component
public class Alerts {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final IncidentStore incidents;
    private final List<AlertChannel> channels;
    private final Clock clock;
    private final MeterRegistry meters;
    private final boolean enabled;

    Alerts(IncidentStore incidents, List<AlertChannel> channels, Clock clock, MeterRegistry meters,
           AlertProperties properties) {
        this.incidents = incidents;
        this.channels = channels;
        this.clock = clock;
        this.meters = meters;
        this.enabled = properties.enabled();
    }

    /**
     * Opens an incident and sends the alert, unless an incident of this kind is open for the sync.
     *
     * @param kind    a short upper-case name of the condition, such as {@code RUN_FAILED}
     * @param message what happened, as the person on call should read it
     * @return whether the alert was sent
     */
    public synchronized boolean raise(String sync, String kind, String message) {
        if (!enabled || !incidents.open(sync, kind, message, clock.instant())) {
            return false;
        }
        send(new Alert(sync, kind, Alert.State.ALERT, message, clock.instant()));
        return true;
    }

    /**
     * Closes the open incident of this kind and sends the recovery notice; nothing when none is open.
     *
     * @param message why it is over, such as which run succeeded
     * @return whether a recovery notice was sent
     */
    public synchronized boolean clear(String sync, String kind, String message) {
        if (!enabled || !incidents.clear(sync, kind, clock.instant())) {
            return false;
        }
        send(new Alert(sync, kind, Alert.State.RECOVERED, message, clock.instant()));
        return true;
    }

    private void send(Alert alert) {
        LOG.atWarn().setMessage("Alert {} {} for sync '{}': {}")
                .addArgument(alert.state()).addArgument(alert.kind()).addArgument(alert.sync())
                .addArgument(alert.message())
                .addKeyValue("event", "alert")
                .addKeyValue("sync", alert.sync())
                .addKeyValue("alert_kind", alert.kind())
                .addKeyValue("alert_state", alert.state().name())
                .log();
        for (AlertChannel channel : channels) {
            try {
                channel.send(alert);
            } catch (RuntimeException e) {
                meters.counter("sluice.alerts.failed", "channel", channel.name()).increment();
                LOG.error("Alert {} {} for sync '{}' could not be sent to {}: {}", alert.state(), alert.kind(),
                        alert.sync(), channel.name(), e.getMessage());
            }
        }
    }
}
