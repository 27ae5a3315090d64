package io.hakeeper.engine.demo;

import java.util.List;

import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;
import io.hakeeper.engine.lab.NamespaceLab;

/**
 * Told of each step of a {@link FailoverTrial} as it happens; the demo prints them, the benchmark ignores
 * them. {@link #waiting} is called every few milliseconds while the trial waits for something, so that a
 * listener can follow the daemons' logs live.
 */
interface TrialListener {

    TrialListener NONE = new TrialListener() {
    };

    default void labUp(NamespaceLab lab) {
    }

    default void routersStarted(List<LabProcess> routers) {
    }

    default void waiting() {
    }

    default void elected(LabNode master) {
    }

    default void clientAnswered(LabNode answeredBy) {
    }

    default void crashing(LabNode master) {
    }

    default void tookOver(LabNode successor) {
    }

    default void clientAnsweredAgain(LabNode answeredBy, long afterMillis) {
    }

    default void labDown() {
    }
}
