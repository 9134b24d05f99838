package io.sluice.alerts;

import java.time.Instant;

/**
 * One message about an incident: it started ({@link State#ALERT}) or it ended ({@link State#RECOVERED}).
 *
 * @param kind    what the condition is, e.g. {@code RUN_FAILED}
 * @param message what happened, in a sentence
 */
public record Alert(String sync, String kind, State state, String message, Instant at) {

    public enum State { ALERT, RECOVERED }
}
