package io.hakeeper.engine.demo;

/** A failover trial that could not complete: no master elected, no takeover, the VIP never answered. */
final class TrialFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TrialFailedException(String message) {
        super(message);
    }
}
