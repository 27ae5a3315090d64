package io.hakeeper.plugin.notify;

import java.time.Instant;

import io.hakeeper.api.Transition;
import io.hakeeper.api.Transition.Subject;
import io.hakeeper.api.VrrpState;

/** Transitions as the tests write them. */
final class Transitions {

    private Transitions() {
    }

    static Transition instance(String name, VrrpState from, VrrpState to, int priority) {
        return new Transition(Subject.INSTANCE, name, from, to, priority, "test", Instant.now());
    }

    static Transition group(String name, VrrpState from, VrrpState to) {
        return new Transition(Subject.GROUP, name, from, to, 0, "test", Instant.now());
    }
}
