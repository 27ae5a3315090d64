package io.hakeeper.engine.vrrp;

import java.time.Instant;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;

/**
 * A state change of an instance or sync group. The machine knows only monotonic time; the loop, which
 * owns a wall clock, turns this into the api's {@link Transition} with {@link #toTransition(Instant)}.
 *
 * @param atNanos the monotonic time of the event that caused the change
 */
public record StateChange(Transition.Subject subject, String name, VrrpState from, VrrpState to,
                          int effectivePriority, TransitionCause cause, long atNanos) implements Action {

    /** The notifiers' view of this change, stamped with the wall-clock time the loop read. */
    public Transition toTransition(Instant wallClockAt) {
        return new Transition(subject, name, from, to, effectivePriority, cause.text(), wallClockAt);
    }
}
