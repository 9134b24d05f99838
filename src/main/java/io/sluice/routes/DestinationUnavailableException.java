package io.sluice.routes;

/** A destination's circuit breaker is open: the run stops sending to it and ends as failed. */
class DestinationUnavailableException extends RuntimeException {

    DestinationUnavailableException(String reason) {
        super(reason);
    }
}
