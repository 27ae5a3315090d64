package io.hakeeper.plugin.notify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.hakeeper.api.Transition;

/**
 * A line of keepalived's vrrp_notify_fifo: {@code INSTANCE "VI_1" MASTER 100} or
 * {@code GROUP "G1" BACKUP 0} and a newline; a group's priority is always 0. The name is quoted but not
 * escaped, exactly as keepalived writes it.
 */
final class FifoLine {

    private FifoLine() {
    }

    /** The line's bytes, or empty for a state keepalived does not write (INIT). */
    static Optional<byte[]> of(Transition transition) {
        int priority = transition.subject() == Transition.Subject.GROUP ? 0 : transition.effectivePriority();
        return NotifiedState.word(transition.to()).map(state -> (transition.subject().name() + " \""
                + transition.name() + "\" " + state + " " + priority + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
