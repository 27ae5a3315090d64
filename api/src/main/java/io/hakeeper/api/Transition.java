package io.hakeeper.api;

import java.time.Instant;

/**
 * One state change of an instance or a sync group, as told to notifiers.
 *
 * <p>Notifiers receive the transitions of one subject strictly in the order they happened.
 *
 * @param subject           whether an instance or a sync group changed
 * @param name              the instance's or group's configured name
 * @param from              the state left
 * @param to                the state entered
 * @param effectivePriority the priority after weights, at the time of the change (0 for groups)
 * @param cause             why, in a few words ("master down timer expired", "higher priority advert")
 * @param at                wall-clock time of the change, for messages to people
 */
public record Transition(Subject subject, String name, VrrpState from, VrrpState to, int effectivePriority,
                         String cause, Instant at) {

    /** What changed state; keepalived's notify scripts receive it as {@code INSTANCE} or {@code GROUP}. */
    public enum Subject {
        INSTANCE, GROUP
    }
}
