package io.hakeeper.engine.runtime;

import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SuspectedBug;

/**
 * Side effects for a runtime whose instances touch nothing outside it (the takeover rehearsal, tests,
 * benchmarks): VIPs, announcements and transitions go nowhere; a suspected bug of a machine throws, so that
 * it is not missed. Extend it to watch one of them.
 */
public class IgnoredSideEffects implements SideEffects {

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
        throw new IllegalStateException("suspected bug: " + bug);
    }
}
