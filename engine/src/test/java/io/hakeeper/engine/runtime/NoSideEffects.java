package io.hakeeper.engine.runtime;

import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SuspectedBug;

/** Side effects a runtime test does not look at; a suspected bug of the machine fails the test. */
class NoSideEffects implements SideEffects {

    @Override
    public void addVips(InstanceRuntime instance) {
    }

    @Override
    public void removeVips(InstanceRuntime instance) {
    }

    @Override
    public void announce(InstanceRuntime instance) {
    }

    @Override
    public void announceToLowerPriority(InstanceRuntime instance) {
    }

    @Override
    public void stateChanged(StateChange change) {
    }

    @Override
    public void suspectedBug(SuspectedBug bug) {
        throw new AssertionError(bug.toString());
    }
}
