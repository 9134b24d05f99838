package io.sluice.destinations.slack;

import io.sluice.destinations.DeliveryException;

/**
 * Slack (or Sluice before asking Slack) refused this one message — its channel, its text, its blocks — while
 * the next message may well be posted. In a sync it makes only that record a dead letter.
 */
class SlackMessageRefused extends DeliveryException {

    SlackMessageRefused(String errorCode, String message) {
        super(false, errorCode, message, null);
    }
}
