package io.hakeeper.engine.vrrp.sim;

import static io.hakeeper.engine.vrrp.sim.InstanceBuilder.instance;
import static io.hakeeper.engine.vrrp.sim.RfcTimers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.TrackedStatus;

/** Tracked scripts and interfaces moving mastership, FAULT and recovery. */
class TrackingSimulationTest extends LanScenario {

    TrackingSimulationTest() {
        super(11);
    }

    @Test
    void failingWeightedScriptMovesMastershipToTheBackup() {
        SimRouter first = lan.addRouter("first", instance(1, 100, 1).track(TrackKind.SCRIPT, "chk", 60, false).build());
        SimRouter second = lan.addRouter("second", instance(1, 150, 2).build());
        lan.setTracked(first, TrackKind.SCRIPT, "chk", TrackedStatus.UP);
        lan.startAll();
        lan.runUntil(10 * SECOND);
        assertEquals(List.of(first), lan.masters(1), "100 + 60 beats 150");

        long failed = lan.now();
        lan.setTracked(first, TrackKind.SCRIPT, "chk", TrackedStatus.DOWN);
        lan.runFor(10 * SECOND);

        assertEquals(100, first.machine(1).effectivePriority());
        assertEquals(List.of(second), lan.masters(1));
        long takeover = log.firstEntered(second, 1, VrrpState.MASTER, failed).orElseThrow();
        assertTrue(takeover <= failed + SECOND + RfcTimers.masterDownInterval(3, 150, 100) + tick,
                "the backup stops accepting the master's lower adverts and preempts");
    }

    @Test
    void negativeWeightOnAFailedScriptMovesMastershipAndRecoveryMovesItBack() {
        SimRouter first = lan.addRouter("first", instance(1, 200, 1).track(TrackKind.SCRIPT, "chk", -120, false).build());
        SimRouter second = lan.addRouter("second", instance(1, 150, 2).build());
        lan.setTracked(first, TrackKind.SCRIPT, "chk", TrackedStatus.UP);
        lan.startAll();
        lan.runUntil(10 * SECOND);
        assertEquals(List.of(first), lan.masters(1));

        lan.setTracked(first, TrackKind.SCRIPT, "chk", TrackedStatus.DOWN);
        lan.runFor(10 * SECOND);
        assertEquals(80, first.machine(1).effectivePriority());
        assertEquals(List.of(second), lan.masters(1));

        lan.setTracked(first, TrackKind.SCRIPT, "chk", TrackedStatus.UP);
        lan.runFor(10 * SECOND);
        assertEquals(List.of(first), lan.masters(1));
    }

    @Test
    void masterWhoseInterfaceGoesDownEntersFaultAndIsTakenOverAfterSkewTime() {
        SimRouter first = lan.addRouter("first", instance(1, 200, 1).build());
        SimRouter second = lan.addRouter("second", instance(1, 100, 2).build());
        lan.startAll();
        lan.runUntil(10 * SECOND);

        long down = lan.now();
        lan.setInterface(first, false);
        assertEquals(VrrpState.FAULT, first.state(1));
        assertEquals(1, log.sent(first, 1, down, down + 1).stream().filter(s -> s.priority() == 0).count(),
                "a master entering FAULT resigns with priority 0");
        lan.runFor(5 * SECOND);
        long takeover = log.firstEntered(second, 1, VrrpState.MASTER, down).orElseThrow();
        assertTrue(takeover <= down + delay + RfcTimers.skewTime(3, 100, 100) + tick);

        long up = lan.now();
        lan.setInterface(first, true);
        assertEquals(VrrpState.BACKUP, first.state(1), "back to BACKUP when all is clear, never straight to MASTER");
        lan.runFor(10 * SECOND);
        assertEquals(List.of(first), lan.masters(1), "and then it preempts as any higher priority would");
        assertTrue(log.firstEntered(first, 1, VrrpState.MASTER, up).orElseThrow()
                <= up + RfcTimers.masterDownInterval(3, 200, 100) + tick);
    }

    @Test
    void weightZeroScriptIsFaultWhileInitialisingAndWhileDown() {
        SimRouter router = lan.addRouter("r", instance(1, 100, 1).track(TrackKind.SCRIPT, "chk", 0, false).build());
        lan.start(router);
        assertEquals(VrrpState.FAULT, router.state(1), "no result yet counts as a failure for a weight-0 item");

        lan.setTracked(router, TrackKind.SCRIPT, "chk", TrackedStatus.UP);
        assertEquals(VrrpState.BACKUP, router.state(1));
        lan.runFor(5 * SECOND);
        assertEquals(VrrpState.MASTER, router.state(1));

        lan.setTracked(router, TrackKind.SCRIPT, "chk", TrackedStatus.DOWN);
        assertEquals(VrrpState.FAULT, router.state(1));
        lan.runFor(60 * SECOND);
        assertEquals(VrrpState.FAULT, router.state(1), "no timer takes it out of FAULT");
        assertTrue(lan.suspectedBugs().isEmpty());
    }

    @Test
    void dontTrackPrimaryKeepsTheMasterThroughItsInterfaceGoingDown() {
        SimRouter router = lan.addRouter("r", instance(1, 100, 1).dontTrackPrimary().build());
        lan.start(router);
        lan.runFor(5 * SECOND);
        lan.setInterface(router, false);
        assertEquals(VrrpState.MASTER, router.state(1));
    }
}
