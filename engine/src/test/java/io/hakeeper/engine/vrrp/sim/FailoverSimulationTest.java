package io.hakeeper.engine.vrrp.sim;

import static io.hakeeper.engine.vrrp.sim.InstanceBuilder.instance;
import static io.hakeeper.engine.vrrp.sim.RfcTimers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;

/** How fast a backup takes over, to the tick. */
class FailoverSimulationTest extends LanScenario {

    FailoverSimulationTest() {
        super(7);
    }

    @Test
    void backupTakesOverWithinMasterDownIntervalAfterTheMasterDies() {
        SimRouter master = lan.addRouter("master", instance(1, 200, 1).build());
        SimRouter backup = lan.addRouter("backup", instance(1, 100, 2).build());

        assertTakeoverAfterKillingMaster(master, backup, RfcTimers.masterDownInterval(3, 100, 100));
    }

    @Test
    void masterResigningWithPriorityZeroIsTakenOverAfterSkewTime() {
        SimRouter master = lan.addRouter("master", instance(1, 200, 1).build());
        SimRouter backup = lan.addRouter("backup", instance(1, 100, 2).build());
        lan.startAll();
        lan.runUntil(10 * SECOND + 300 * RfcTimers.MILLISECOND);

        long resigned = lan.now();
        lan.shutdown(master);
        lan.runFor(5 * SECOND);

        assertEquals(1, log.sent(master, 1, resigned, resigned + 1).stream().filter(s -> s.priority() == 0).count());
        long takeover = log.firstEntered(backup, 1, VrrpState.MASTER, resigned).orElseThrow();
        long skew = RfcTimers.skewTime(3, 100, 100);
        assertTrue(takeover >= resigned + delay + skew, "not before Skew_Time");
        assertTrue(takeover <= resigned + delay + skew + tick, "within Skew_Time + one tick");
        assertTrue(skew < SECOND, "far sooner than Master_Down_Interval");
    }

    @Test
    void version2SkewIsIndependentOfTheAdvertInterval() {
        SimRouter master = lan.addRouter("master", instance(1, 200, 1).version(2).interval(300).build());
        SimRouter backup = lan.addRouter("backup", instance(1, 56, 2).version(2).interval(300).build());
        lan.startAll();
        lan.runUntil(20 * SECOND + 300 * RfcTimers.MILLISECOND);

        long resigned = lan.now();
        lan.shutdown(master);
        lan.runFor(5 * SECOND);

        long takeover = log.firstEntered(backup, 1, VrrpState.MASTER, resigned).orElseThrow();
        long skew = 200 * SECOND / 256;
        assertTrue(takeover >= resigned + delay + skew && takeover <= resigned + delay + skew + tick,
                "v2 Skew_Time is (256 - 56) / 256 s whatever the interval");
    }

    @Test
    void version3BackupLearnsTheMastersIntervalFromItsAdverts() {
        SimRouter master = lan.addRouter("master", instance(1, 200, 1).interval(50).build());
        SimRouter backup = lan.addRouter("backup", instance(1, 100, 2).interval(200).build());

        // Master_Down_Interval from the master's 0.5 s, not the backup's own 2 s.
        assertTakeoverAfterKillingMaster(master, backup, RfcTimers.masterDownInterval(3, 100, 50));
    }

    /** Elects {@code master}, powers it off, and checks that {@code backup} takes over after exactly the wait. */
    private void assertTakeoverAfterKillingMaster(SimRouter master, SimRouter backup, long expectedWait) {
        lan.startAll();
        lan.runUntil(10 * SECOND + 330 * RfcTimers.MILLISECOND);
        assertEquals(List.of(master), lan.masters(1));

        long lastHeard = log.lastSent(master, 1, lan.now()).at() + delay;
        lan.kill(master);
        lan.runFor(10 * SECOND);

        long takeover = log.firstEntered(backup, 1, VrrpState.MASTER, lastHeard).orElseThrow();
        assertTrue(takeover >= lastHeard + expectedWait, "not before Master_Down_Interval");
        assertTrue(takeover <= lastHeard + expectedWait + tick, "within Master_Down_Interval + one tick, took "
                + (takeover - lastHeard) + " ns");
    }
}
