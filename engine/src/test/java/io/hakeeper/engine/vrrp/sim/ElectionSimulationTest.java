package io.hakeeper.engine.vrrp.sim;

import static io.hakeeper.engine.vrrp.sim.InstanceBuilder.instance;
import static io.hakeeper.engine.vrrp.sim.RfcTimers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;

/** Who wins an election on a quiet LAN. */
class ElectionSimulationTest extends LanScenario {

    ElectionSimulationTest() {
        super(1);
    }

    @Test
    void highestPriorityIsElectedAndTheOthersStayBackup() {
        SimRouter low = lan.addRouter("low", instance(1, 50, 3).build());
        SimRouter high = lan.addRouter("high", instance(1, 150, 1).build());
        SimRouter mid = lan.addRouter("mid", instance(1, 100, 2).build());
        lan.startAll();
        lan.runUntil(10 * SECOND);

        assertEquals(List.of(high), lan.masters(1), "seed " + lan.seed());
        assertEquals(VrrpState.BACKUP, low.state(1));
        assertEquals(VrrpState.BACKUP, mid.state(1));
        assertTrue(log.of(low, 1, 0).stream().noneMatch(e -> e.change().to() == VrrpState.MASTER),
                "the lowest priority never became master: its skew is the longest");
        assertTrue(lan.suspectedBugs().isEmpty());
    }

    @Test
    void equalPrioritiesElectTheHigherPrimaryAddress() {
        SimRouter a = lan.addRouter("a", instance(1, 100, 1).build());
        SimRouter c = lan.addRouter("c", instance(1, 100, 3).build());
        SimRouter b = lan.addRouter("b", instance(1, 100, 2).build());
        lan.startAll();
        lan.runUntil(10 * SECOND);

        assertEquals(List.of(c), lan.masters(1));
        assertEquals(VrrpState.BACKUP, a.state(1));
        assertEquals(VrrpState.BACKUP, b.state(1));
    }

    @Test
    void equalPrioritiesElectTheHigherPrimaryAddressInVersion2Too() {
        lan.addRouter("a", instance(1, 100, 1).version(2).build());
        SimRouter b = lan.addRouter("b", instance(1, 100, 2).version(2).build());
        lan.startAll();
        lan.runUntil(10 * SECOND);

        assertEquals(List.of(b), lan.masters(1));
    }

    @Test
    void addressOwnerBecomesMasterAtOnceAndTheOldMasterStepsDown() {
        SimRouter other = lan.addRouter("other", instance(1, 200, 2).build());
        SimRouter owner = lan.addRouter("owner", instance(1, 255, 1).build());
        lan.start(other);
        lan.runUntil(10 * SECOND);
        assertEquals(List.of(other), lan.masters(1));

        lan.start(owner);
        assertEquals(VrrpState.MASTER, owner.state(1), "master at once, without waiting for a timer");
        lan.runFor(10 * RfcTimers.MILLISECOND);
        assertEquals(List.of(owner), lan.masters(1), "the old master heard the owner's first advert");
        assertEquals(255, owner.machine(1).effectivePriority());
    }
}
