package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;

/** The machine on its own: entry actions, effective priority, counters, impossible events. */
class InstanceMachineTest {

    private static final byte[] OWN = {10, 0, 0, 5};
    private final ActionBuffer out = new ActionBuffer();

    private InstanceMachine machine(int priority, TrackedItem... tracked) {
        return new InstanceMachine(new InstanceParameters("VI_1", 3, 1, priority, 100, false, 0, OWN, false,
                List.of(tracked)), out);
    }

    private List<Action> drain() {
        return BufferedActions.drain(out);
    }

    @Test
    void addressOwnerStartsAsMasterAddingItsAddressesAndAnnouncingThem() {
        InstanceMachine owner = machine(255);
        owner.onStart(0);

        List<Action> actions = drain();
        assertEquals(List.of(Effect.ADD_VIPS, Effect.SEND_ADVERT, Effect.ANNOUNCE), actions.subList(0, 3));
        StateChange change = assertInstanceOf(StateChange.class, actions.get(3));
        assertEquals(VrrpState.INIT, change.from());
        assertEquals(VrrpState.MASTER, change.to());
        assertEquals(TransitionCause.ADDRESS_OWNER, change.cause());
        assertEquals(1, owner.counter(VrrpCounter.BECOME_MASTER));
        assertEquals(1_000_000_000L, owner.nextDeadlineNanos());
    }

    /**
     * RFC 5798 6.4.2: on Master_Down_Timer expiry the backup sends an advert first, then announces its
     * addresses. The VIPs alone are asked for before it, so that a VIP thread waiting for the takeover adds
     * them while the advert is sent (the daemon wakes no sleeping thread before the advert:
     * AddBeforeAdvertTest); the announcements and the transition's log line come after it: logging a
     * transition writes a line, and done before the advert it delayed the first advert of a new master by
     * milliseconds past Master_Down_Interval on a busy two-core machine.
     */
    @Test
    void aBackupWhoseTimerRunsOutAsksForItsVipsThenSendsItsAdvertBeforeItsAnnouncementsAndItsLog() {
        InstanceMachine backup = machine(100);
        backup.onStart(0);
        drain();

        backup.onTimer(backup.nextDeadlineNanos());

        List<Action> actions = drain();
        assertEquals(VrrpState.MASTER, backup.state());
        assertEquals(List.of(Effect.ADD_VIPS, Effect.SEND_ADVERT, Effect.ANNOUNCE), actions.subList(0, 3));
        assertInstanceOf(StateChange.class, actions.get(3), "the log line's transition after the advert: " + actions);
    }

    @Test
    void nonOwnerStartsAsBackupWithItsMasterDownTimerRunning() {
        InstanceMachine backup = machine(100);
        backup.onStart(0);

        assertEquals(VrrpState.BACKUP, backup.state());
        long skew = (256 - 100) * 1_000_000_000L / 256;
        assertEquals(skew, backup.skewTimeNanos());
        assertEquals(3_000_000_000L + skew, backup.nextDeadlineNanos());
    }

    @Test
    void weightsAddWhileUpSubtractWhileDownAndReverseTurnsTheSign() {
        InstanceMachine m = machine(100,
                new TrackedItem(TrackKind.SCRIPT, "plus", 20, false),
                new TrackedItem(TrackKind.SCRIPT, "minus", -30, false),
                new TrackedItem(TrackKind.PROCESS, "reversed", 7, true));
        assertEquals(100, m.effectivePriority(), "nothing counts while initialising");

        m.onTrackedChange(TrackKind.SCRIPT, "plus", TrackedStatus.UP, 0);
        assertEquals(120, m.effectivePriority());
        m.onTrackedChange(TrackKind.SCRIPT, "minus", TrackedStatus.DOWN, 0);
        assertEquals(90, m.effectivePriority());
        m.onTrackedChange(TrackKind.PROCESS, "reversed", TrackedStatus.DOWN, 0);
        assertEquals(90, m.effectivePriority(), "a reversed positive weight counts nothing while the item is down");
        m.onTrackedChange(TrackKind.PROCESS, "reversed", TrackedStatus.UP, 0);
        assertEquals(83, m.effectivePriority(), "a reversed positive weight is subtracted while the item is up");
        m.onTrackedChange(TrackKind.SCRIPT, "minus", TrackedStatus.UP, 0);
        assertEquals(113, m.effectivePriority());
    }

    @Test
    void trackFileAddsValueTimesWeightAndWeightZeroNonZeroValueIsFault() {
        InstanceMachine m = machine(100,
                new TrackedItem(TrackKind.FILE, "boost", 3, false),
                new TrackedItem(TrackKind.FILE, "stop", 0, false));
        m.onTrackedFileValue("stop", 0, 0);
        m.onTrackedFileValue("boost", 10, 0);
        m.onStart(0);
        assertEquals(130, m.effectivePriority());
        assertEquals(VrrpState.BACKUP, m.state());

        m.onTrackedFileValue("stop", 1, 1);
        assertEquals(VrrpState.FAULT, m.state());
    }

    @Test
    void effectivePriorityIsClampedToOneThrough254AndTheOwnersNeverMoves() {
        TrackedItem big = new TrackedItem(TrackKind.SCRIPT, "s", 253, false);
        TrackedItem sink = new TrackedItem(TrackKind.SCRIPT, "s", -253, false);
        InstanceMachine up = machine(200, big);
        up.onTrackedChange(TrackKind.SCRIPT, "s", TrackedStatus.UP, 0);
        assertEquals(254, up.effectivePriority());

        InstanceMachine down = machine(10, sink);
        down.onTrackedChange(TrackKind.SCRIPT, "s", TrackedStatus.DOWN, 0);
        assertEquals(1, down.effectivePriority());

        InstanceMachine owner = machine(255, sink);
        owner.onTrackedChange(TrackKind.SCRIPT, "s", TrackedStatus.DOWN, 0);
        assertEquals(255, owner.effectivePriority());
    }

    @Test
    void masterEnteringFaultResignsWithPriorityZeroAndRemovesItsAddresses() {
        InstanceMachine owner = machine(255);
        owner.onStart(0);
        drain();

        owner.onInterfaceChange(false, 5);

        List<Action> actions = drain();
        assertEquals(List.of(Effect.SEND_PRIORITY_ZERO_ADVERT, Effect.REMOVE_VIPS), actions.subList(0, 2));
        assertEquals(VrrpState.FAULT, assertInstanceOf(StateChange.class, actions.get(2)).to());
        assertEquals(1, owner.counter(VrrpCounter.PRI_ZERO_SENT));
        assertEquals(1, owner.counter(VrrpCounter.RELEASE_MASTER));
        assertEquals(InstanceMachine.NO_DEADLINE, owner.nextDeadlineNanos());
    }

    @Test
    void timerFiringInFaultIsReportedAsABugAndChangesNothing() {
        InstanceMachine m = machine(100);
        m.onInterfaceChange(false, 0);
        m.onStart(0);
        assertEquals(VrrpState.FAULT, m.state());
        drain();

        m.onTimer(1_000_000_000L);

        SuspectedBug bug = assertInstanceOf(SuspectedBug.class, drain().get(0));
        assertEquals(VrrpState.FAULT, bug.state());
        assertEquals("VI_1", bug.instance());
        assertEquals(VrrpState.FAULT, m.state());
    }

    @Test
    void earlyTimerCallForAnOlderDeadlineIsIgnored() {
        InstanceMachine m = machine(100);
        m.onStart(0);
        drain();
        m.onTimer(m.nextDeadlineNanos() - 1);
        assertTrue(drain().isEmpty());
        assertEquals(VrrpState.BACKUP, m.state());
    }

    @Test
    void shutdownOfABackupStopsItWithoutAPriorityZeroAdvert() {
        InstanceMachine m = machine(100);
        m.onStart(0);
        drain();
        m.onShutdown(1);
        List<Action> actions = drain();
        assertEquals(1, actions.size());
        assertEquals(VrrpState.STOP, assertInstanceOf(StateChange.class, actions.get(0)).to());
        assertFalse(actions.contains(Effect.SEND_PRIORITY_ZERO_ADVERT));
    }

    @Test
    void priorityZeroAdvertCutsTheBackupTimerToSkewTime() {
        InstanceMachine m = machine(100);
        m.onStart(0);
        m.onAdvert(new ReusableAdvert().set(0, new byte[] {10, 0, 0, 9}), 10);
        assertEquals(10 + m.skewTimeNanos(), m.nextDeadlineNanos());
    }

    @Test
    void masterAnswersALowerPriorityWithAnAdvertAndTheLowerPriorityAnnounceOncePerInterval() {
        InstanceMachine owner = machine(255);
        owner.onStart(0);
        drain();
        ReusableAdvert lower = new ReusableAdvert().set(100, new byte[] {10, 0, 0, 9});

        owner.onAdvert(lower, 10);
        assertEquals(List.of(Effect.SEND_ADVERT, Effect.ANNOUNCE_TO_LOWER_PRIORITY), drain());
        owner.onAdvert(lower, 20);
        assertTrue(drain().isEmpty(), "not again within the advert interval");
        owner.onAdvert(lower, 10 + 1_000_000_000L);
        assertEquals(List.of(Effect.SEND_ADVERT, Effect.ANNOUNCE_TO_LOWER_PRIORITY), drain());
    }
}
