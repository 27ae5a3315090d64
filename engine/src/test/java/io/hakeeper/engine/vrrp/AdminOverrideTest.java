package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;

/** ha-admin's priority and maintenance, as the machine carries them out. */
class AdminOverrideTest {

    private static final byte[] OWN = {10, 0, 0, 5};
    private final ActionBuffer out = new ActionBuffer();

    private InstanceMachine machine(int priority, TrackedItem... tracked) {
        return new InstanceMachine(new InstanceParameters("VI_1", 3, 1, priority, 100, false, 0, OWN, false,
                List.of(tracked)), out);
    }

    private InstanceMachine master(int priority) {
        InstanceMachine m = machine(priority);
        m.onStart(0);
        m.onTimer(m.nextDeadlineNanos());
        assertEquals(VrrpState.MASTER, m.state());
        drain();
        return m;
    }

    private List<Action> drain() {
        return BufferedActions.drain(out);
    }

    @Test
    void priorityOverrideReplacesTheBaseAndTheWeightsStillApply() {
        InstanceMachine m = machine(100, new TrackedItem(TrackKind.SCRIPT, "up", 20, false));
        m.onTrackedChange(TrackKind.SCRIPT, "up", TrackedStatus.UP, 0);
        assertEquals(120, m.effectivePriority());

        m.onPriorityOverride(50, 1);
        assertEquals(50, m.basePriority());
        assertTrue(m.priorityOverridden());
        assertEquals(70, m.effectivePriority());

        m.onPriorityOverride(0, 2);
        assertEquals(100, m.basePriority());
        assertFalse(m.priorityOverridden());
        assertEquals(120, m.effectivePriority());
    }

    @Test
    void priorityOverrideRecalculatesTheSkewTime() {
        InstanceMachine m = machine(100);
        m.onStart(0);
        m.onPriorityOverride(200, 1);
        assertEquals((256 - 200) * 1_000_000_000L / 256, m.skewTimeNanos());
    }

    @Test
    void priorityOutsideOneTo254IsRefused() {
        InstanceMachine m = machine(100);
        assertThrows(IllegalArgumentException.class, () -> m.onPriorityOverride(255, 0));
        assertThrows(IllegalArgumentException.class, () -> m.onPriorityOverride(-1, 0));
    }

    @Test
    void aPriorityOverrideAppliesToAnAddressOwnerToo() {
        InstanceMachine owner = machine(255);
        assertEquals(255, owner.effectivePriority());
        owner.onPriorityOverride(10, 0);
        assertEquals(10, owner.effectivePriority());
        owner.onPriorityOverride(0, 0);
        assertEquals(255, owner.effectivePriority());
    }

    @Test
    void masterEnteringMaintenanceResignsAtOnceWithPriorityZero() {
        InstanceMachine m = master(150);
        m.onMaintenance(true, 10);

        List<Action> actions = drain();
        assertEquals(Effect.SEND_PRIORITY_ZERO_ADVERT, actions.get(0));
        assertEquals(Effect.REMOVE_VIPS, actions.get(1));
        StateChange change = (StateChange) actions.get(2);
        assertEquals(VrrpState.BACKUP, change.to());
        assertEquals(TransitionCause.MAINTENANCE, change.cause());
        assertEquals(1, m.counter(VrrpCounter.PRI_ZERO_SENT));
        assertEquals(InstanceMachine.NO_DEADLINE, m.nextDeadlineNanos(), "no master-down timer in maintenance");
    }

    @Test
    void aBackupInMaintenanceNeverTakesOverAndDoesAfterMaintenanceEnds() {
        InstanceMachine m = machine(100);
        m.onStart(0);
        m.onMaintenance(true, 1);
        assertEquals(InstanceMachine.NO_DEADLINE, m.nextDeadlineNanos());
        m.onTimer(10_000_000_000L);
        assertEquals(VrrpState.BACKUP, m.state());

        m.onMaintenance(false, 20_000_000_000L);
        assertEquals(20_000_000_000L + m.masterDownIntervalNanos(), m.nextDeadlineNanos());
        m.onTimer(m.nextDeadlineNanos());
        assertEquals(VrrpState.MASTER, m.state());
    }

    @Test
    void maintenanceTwiceIsOneResignation() {
        InstanceMachine m = master(150);
        m.onMaintenance(true, 10);
        drain();
        m.onMaintenance(true, 11);
        assertTrue(drain().isEmpty());
        assertTrue(m.maintenance());
    }

    @Test
    void priorityTermsNameEachTrackedItemsPart() {
        InstanceMachine m = machine(100,
                new TrackedItem(TrackKind.SCRIPT, "plus", 20, false),
                new TrackedItem(TrackKind.SCRIPT, "must", 0, false));
        m.onTrackedChange(TrackKind.SCRIPT, "plus", TrackedStatus.UP, 0);
        List<TrackedTerm> terms = m.priorityTerms();
        assertEquals(20, terms.get(0).weight());
        assertFalse(terms.get(0).fault());
        assertTrue(terms.get(1).fault(), "weight 0 with no result yet demands FAULT");
    }
}
