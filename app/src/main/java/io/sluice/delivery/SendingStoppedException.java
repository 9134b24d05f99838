package io.sluice.delivery;

/**
 * The run sends no more batches — its destination's circuit breaker is open, or Sluice is stopping —
 * and ends as failed; what it has not sent stays undelivered for the next run.
 */
class SendingStoppedException extends RuntimeException {

    SendingStoppedException(String reason) {
        super(reason);
    }
}
