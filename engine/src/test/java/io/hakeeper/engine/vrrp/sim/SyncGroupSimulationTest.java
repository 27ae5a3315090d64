package io.hakeeper.engine.vrrp.sim;

import static io.hakeeper.engine.vrrp.sim.InstanceBuilder.instance;
import static io.hakeeper.engine.vrrp.sim.RfcTimers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.TrackedItem;
import io.hakeeper.engine.vrrp.TrackedStatus;
import io.hakeeper.engine.vrrp.TransitionCause;

/** Instances that change state together, as keepalived's vrrp_sync_group. */
class SyncGroupSimulationTest extends LanScenario {

    SyncGroupSimulationTest() {
        super(5);
    }

    @Test
    void groupGoesMasterOnlyWhenEveryMemberWantsMaster() {
        // grouped would win VRID 1 alone but loses VRID 2, so the group stays BACKUP on both.
        SimRouter grouped = lan.addRouter("grouped", "G", MachineDefect.NONE,
                instance(1, 200, 1).build(), instance(2, 50, 1).build());
        SimRouter single = lan.addRouter("single", instance(1, 100, 2).build(), instance(2, 100, 2).build());
        lan.startAll();
        lan.runUntil(30 * SECOND);

        assertEquals(List.of(single), lan.masters(1));
        assertEquals(List.of(single), lan.masters(2));
        assertTrue(log.firstEntered(grouped, 1, VrrpState.MASTER, 0).isEmpty(),
                "VRID 1 wanted MASTER, but VRID 2 did not");
        assertEquals(VrrpState.BACKUP, grouped.group().state());

        long died = lan.now();
        lan.kill(single);
        lan.runFor(10 * SECOND);
        assertEquals(VrrpState.MASTER, grouped.state(1));
        assertEquals(VrrpState.MASTER, grouped.state(2));
        assertEquals(VrrpState.MASTER, grouped.group().state());
        assertEquals(log.firstEntered(grouped, 1, VrrpState.MASTER, died), log.firstEntered(grouped, 2,
                VrrpState.MASTER, died), "both members go in the same instant, once the last one wants to");
    }

    @Test
    void memberGoingBackupPullsTheWholeGroupToBackup() {
        SimRouter grouped = lan.addRouter("grouped", "G", MachineDefect.NONE,
                instance(1, 200, 1).build(), instance(2, 200, 1).build());
        SimRouter single = lan.addRouter("single", instance(1, 100, 2).build(),
                instance(2, 100, 2).track(TrackKind.SCRIPT, "boost", 150, false).build());
        lan.setTracked(single, TrackKind.SCRIPT, "boost", TrackedStatus.DOWN);
        lan.startAll();
        lan.runUntil(10 * SECOND);
        assertEquals(VrrpState.MASTER, grouped.group().state());

        long boosted = lan.now();
        lan.setTracked(single, TrackKind.SCRIPT, "boost", TrackedStatus.UP);
        lan.runFor(20 * SECOND);

        long vrid2Down = log.firstEntered(grouped, 2, VrrpState.BACKUP, boosted).orElseThrow();
        var vrid1 = log.of(grouped, 1, boosted).get(0);
        assertEquals(VrrpState.BACKUP, vrid1.change().to());
        assertEquals(vrid2Down, vrid1.at(), "pulled down in the same instant");
        assertEquals(TransitionCause.SYNC_GROUP_BACKUP, vrid1.change().cause());
        assertEquals(VrrpState.BACKUP, log.groupTransitions(grouped, boosted).get(0).change().to());
        assertEquals(List.of(single), lan.masters(1), "VRID 1 goes to the other router although grouped is higher");
        assertEquals(List.of(single), lan.masters(2));
        assertEquals(VrrpState.BACKUP, grouped.group().state());
    }

    @Test
    void memberInFaultPutsTheWholeGroupInFaultUntilItRecovers() {
        SimRouter grouped = lan.addRouter("grouped", "G", MachineDefect.NONE,
                instance(1, 200, 1).track(TrackKind.SCRIPT, "chk", 0, false).build(), instance(2, 200, 1).build());
        SimRouter single = lan.addRouter("single", instance(1, 100, 2).build(), instance(2, 100, 2).build());
        lan.setTracked(grouped, TrackKind.SCRIPT, "chk", TrackedStatus.UP);
        lan.startAll();
        lan.runUntil(10 * SECOND);
        assertEquals(VrrpState.MASTER, grouped.group().state());

        lan.setTracked(grouped, TrackKind.SCRIPT, "chk", TrackedStatus.DOWN);
        assertEquals(VrrpState.FAULT, grouped.state(1));
        assertEquals(VrrpState.FAULT, grouped.state(2), "the healthy member follows the group");
        assertEquals(VrrpState.FAULT, grouped.group().state());
        lan.runFor(10 * SECOND);
        assertEquals(List.of(single), lan.masters(1));
        assertEquals(List.of(single), lan.masters(2));

        lan.setTracked(grouped, TrackKind.SCRIPT, "chk", TrackedStatus.UP);
        assertEquals(VrrpState.BACKUP, grouped.state(1));
        assertEquals(VrrpState.BACKUP, grouped.state(2));
        lan.runFor(10 * SECOND);
        assertEquals(VrrpState.MASTER, grouped.group().state());
        assertEquals(List.of(grouped), lan.masters(2));
        assertTrue(lan.suspectedBugs().isEmpty());
    }

    @Test
    void itemTrackedByTheGroupPutsEveryMemberInFaultWhileDownAndAtStartBeforeItsFirstResult() {
        SimRouter grouped = lan.addRouter("grouped", "G", List.of(new TrackedItem(TrackKind.SCRIPT, "gw", 0, false)),
                MachineDefect.NONE, instance(1, 200, 1).build(), instance(2, 200, 1).build());
        lan.start(grouped);
        assertEquals(VrrpState.FAULT, grouped.state(1), "no result yet from the group's script");
        assertEquals(VrrpState.FAULT, grouped.group().state());

        lan.setTracked(grouped, TrackKind.SCRIPT, "gw", TrackedStatus.UP);
        lan.runFor(10 * SECOND);
        assertEquals(VrrpState.MASTER, grouped.group().state());

        lan.setTracked(grouped, TrackKind.SCRIPT, "gw", TrackedStatus.DOWN);
        assertEquals(VrrpState.FAULT, grouped.state(1));
        assertEquals(VrrpState.FAULT, grouped.state(2));
        assertEquals(VrrpState.FAULT, grouped.group().state());
    }
}
