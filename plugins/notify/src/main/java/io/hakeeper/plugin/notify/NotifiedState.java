package io.hakeeper.plugin.notify;

import java.util.Optional;

import io.hakeeper.api.VrrpState;

/**
 * The words keepalived uses for the states it notifies about. keepalived never notifies about entering
 * INIT (an instance leaves INIT at start, it does not announce it), so neither do these notifiers.
 */
final class NotifiedState {

    private NotifiedState() {
    }

    /** MASTER, BACKUP, FAULT or STOP; empty for a state keepalived does not notify. */
    static Optional<String> word(VrrpState state) {
        return state == VrrpState.INIT ? Optional.empty() : Optional.of(state.name());
    }
}
