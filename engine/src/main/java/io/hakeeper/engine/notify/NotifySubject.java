package io.hakeeper.engine.notify;

import io.hakeeper.api.Transition;

/** An instance or a sync group, by name: what a transition is about and what a notifier is attached to. */
public record NotifySubject(Transition.Subject kind, String name) {

    public static NotifySubject of(Transition transition) {
        return new NotifySubject(transition.subject(), transition.name());
    }

    public static NotifySubject instance(String name) {
        return new NotifySubject(Transition.Subject.INSTANCE, name);
    }

    public static NotifySubject group(String name) {
        return new NotifySubject(Transition.Subject.GROUP, name);
    }

    @Override
    public String toString() {
        return (kind == Transition.Subject.INSTANCE ? "vrrp_instance." : "vrrp_sync_group.") + name;
    }
}
