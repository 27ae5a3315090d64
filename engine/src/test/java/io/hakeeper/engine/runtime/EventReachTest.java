package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.SyncGroupMachine;
import io.hakeeper.engine.vrrp.TrackedItem;
import io.hakeeper.engine.vrrp.TrackedStatus;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * An event reaches the instances it concerns and no other: the timers of the instances it did not move
 * stay as they are (so that one event costs the same at 10 and at 1,000 instances), while every instance
 * a sync group moved along is re-armed; a tracked change reaches those tracking that item.
 */
class EventReachTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = SECOND;
    private final LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
    private final VrrpRuntime runtime = new VrrpRuntime(loop, () -> now, new ActionBuffer(), new NoSideEffects());

    @Test
    void anEventLeavesTheTimersOfOtherInstancesAlone() throws Exception {
        InstanceRuntime first = instance("VI_1", 51, 100, List.of());
        InstanceRuntime other = instance("VI_2", 52, 100, List.of());
        runtime.start();
        // a deadline no machine asked for: re-arming the other instance would put its machine's back
        long untouched = now + 3_600 * SECOND;
        loop.schedule(other.timer(), untouched);

        runtime.overridePriority(first, 120);
        now = first.machine().nextDeadlineNanos();
        loop.runDue(now);

        assertEquals(VrrpState.MASTER, first.machine().state(), "the first instance's timer still runs");
        assertEquals(first.machine().nextDeadlineNanos(), first.timer().deadline());
        assertEquals(untouched, other.timer().deadline(), "the other instance's timer was re-armed");
    }

    @Test
    void aBackupHearingItsMasterPostponesItsTimerWithoutAWakeUpForTheOldDeadline() throws Exception {
        InstanceRuntime backup = instance("VI_1", 51, 100, List.of());
        AdvertReceiver receiver = new AdvertReceiver("eth0 IPv4", Family.IPV4, runtime, SECOND);
        receiver.register(backup);
        runtime.start();
        long armed = backup.timer().deadline();
        ByteBuffer advert = ByteBuffer.allocateDirect(128);
        int length = new AdvertEncoder(new AdvertSpec(3, Family.IPV4, 51, 100,
                List.of(InetAddress.getByName("192.0.2.51")), false), Optional.empty()).encodeIpv4Packet(advert, 0,
                200, InetAddress.getByName("192.0.2.20").getAddress(), InetAddress.getByName("224.0.0.18").getAddress());

        now += SECOND;
        receiver.onIpv4Packet(advert, length, now);
        long masterDown = backup.machine().nextDeadlineNanos();
        assertTrue(masterDown > armed);
        // advert_int 1 s: the first wake-up the new deadline asks for is its warm-up
        assertEquals(masterDown - LoopCore.WARM_UP_LEAD_NANOS, loop.runDue(now),
                "the loop would wake for the deadline the advert replaced, or not for the new one's warm-up");
        long fired = loop.lateness().fired();
        now = armed;
        loop.runDue(now);

        assertEquals(fired, loop.lateness().fired(), "a timer ran for the deadline the advert replaced");
        assertEquals(VrrpState.BACKUP, backup.machine().state(), "the old deadline was taken for the master down");
        now = masterDown;
        loop.runDue(now);
        assertEquals(VrrpState.MASTER, backup.machine().state(), "the master down timer did not run at its deadline");
    }

    @Test
    void aSyncGroupReArmsTheMembersItMoves() throws Exception {
        InstanceRuntime first = instance("VI_1", 51, 100, List.of());
        InstanceRuntime second = instance("VI_2", 52, 90, List.of());
        runtime.addGroup(new SyncGroupMachine("G", List.of(first.machine(), second.machine()), List.of(),
                runtime.actions()));
        runtime.start();

        // the first member's master-down timer runs out first (shorter skew) and waits for the second
        now = first.machine().nextDeadlineNanos();
        loop.runDue(now);
        assertEquals(VrrpState.BACKUP, first.machine().state());
        // the second one's runs out: the group takes both to MASTER, the first by the second's event
        now = second.machine().nextDeadlineNanos();
        loop.runDue(now);

        assertEquals(VrrpState.MASTER, first.machine().state());
        assertEquals(VrrpState.MASTER, second.machine().state());
        assertTrue(first.timer().isArmed(), "the member the group moved has a timer");
        assertEquals(first.machine().nextDeadlineNanos(), first.timer().deadline(),
                "the member the group moved runs its advert timer");
    }

    @Test
    void aTrackedChangeReachesTheInstancesTrackingThatItem() throws Exception {
        InstanceRuntime tracking = instance("VI_1", 51, 100, List.of(new TrackedItem(TrackKind.SCRIPT, "chk", -10,
                false)));
        InstanceRuntime trackingOther = instance("VI_2", 52, 100, List.of(new TrackedItem(TrackKind.SCRIPT,
                "other", -20, false)));
        InstanceRuntime fileOfThatName = instance("VI_3", 53, 100, List.of(new TrackedItem(TrackKind.FILE, "chk",
                -30, false)));
        runtime.start();

        runtime.onTrackedChange(TrackKind.SCRIPT, "chk", TrackedStatus.DOWN, 0);

        assertEquals(90, tracking.machine().effectivePriority());
        assertEquals(100, trackingOther.machine().effectivePriority());
        assertEquals(100, fileOfThatName.machine().effectivePriority(), "a file and a script may share a name");
    }

    @Test
    void aRemovedInstanceHearsNoMoreChanges() throws Exception {
        InstanceRuntime removed = instance("VI_1", 51, 100, List.of(new TrackedItem(TrackKind.SCRIPT, "chk", -10,
                false)));
        InstanceRuntime staying = instance("VI_2", 52, 100, List.of(new TrackedItem(TrackKind.SCRIPT, "chk", -10,
                false)));
        runtime.start();
        runtime.remove(removed);

        runtime.onTrackedChange(TrackKind.SCRIPT, "chk", TrackedStatus.DOWN, 0);
        runtime.onInterfaceChange("eth0", false);

        assertEquals(VrrpState.STOP, removed.machine().state());
        assertEquals(100, removed.machine().effectivePriority());
        assertEquals(VrrpState.FAULT, staying.machine().state());
        assertEquals(90, staying.machine().effectivePriority());
    }

    private InstanceRuntime instance(String name, int vrid, int priority, List<TrackedItem> tracked)
            throws Exception {
        return TestInstances.add(runtime, name, vrid, priority, tracked);
    }
}
