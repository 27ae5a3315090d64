package io.hakeeper.engine.vrrp.sim;

import static io.hakeeper.engine.vrrp.sim.InstanceBuilder.instance;
import static io.hakeeper.engine.vrrp.sim.RfcTimers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A split LAN and its healing; and a master that cannot be made to flood the segment. */
class PartitionSimulationTest extends LanScenario {

    PartitionSimulationTest() {
        super(13);
    }

    @Test
    void partitionGivesTwoMastersAndHealingLeavesOneWithinOneAdvertIntervalWithoutFlapping() {
        SimRouter high = lan.addRouter("high", instance(1, 200, 1).build());
        SimRouter low = lan.addRouter("low", instance(1, 100, 2).build());
        lan.startAll();
        lan.runUntil(10 * SECOND);

        lan.partition(List.of(low));
        lan.runFor(10 * SECOND);
        assertEquals(List.of(high, low), lan.masters(1), "each side elects its own master");

        long healed = lan.now() + 370 * RfcTimers.MILLISECOND;
        lan.runUntil(healed);
        lan.heal();
        lan.runUntil(healed + RfcTimers.interval(100) + delay);
        assertEquals(List.of(high), lan.masters(1), "one master within one advert interval");

        long settled = lan.now();
        lan.runFor(60 * SECOND);
        assertEquals(List.of(), log.since(settled), "no flapping afterwards");
    }

    @Test
    void partitionOfEqualPrioritiesHealsToTheHigherAddress() {
        SimRouter a = lan.addRouter("a", instance(1, 100, 1).build());
        SimRouter b = lan.addRouter("b", instance(1, 100, 2).build());
        lan.startAll();
        lan.partition(List.of(a));
        lan.runUntil(10 * SECOND);
        assertEquals(List.of(a, b), lan.masters(1));

        long healed = lan.now();
        lan.heal();
        lan.runUntil(healed + RfcTimers.interval(100) + delay);
        assertEquals(List.of(b), lan.masters(1));
    }

    @Test
    void masterAnswersLowerPriorityAdvertsAtOnceButAtMostOncePerInterval() {
        SimRouter master = lan.addRouter("master", instance(1, 200, 1).build());
        lan.start(master);
        lan.runUntil(10 * SECOND + 500 * RfcTimers.MILLISECOND);

        long floodStart = lan.now();
        byte[] intruder = InstanceBuilder.address(99);
        lan.inject(1, 50, 100, intruder);
        lan.runFor(delay);
        assertEquals(1, log.sent(master, 1, floodStart, lan.now() + 1).size(), "the first one is answered at once");

        // 100 forged adverts a second for 10 seconds.
        for (int i = 0; i < 1000; i++) {
            lan.inject(1, 50, 100, intruder);
            lan.runFor(10 * RfcTimers.MILLISECOND);
        }
        int sent = log.sent(master, 1, floodStart, lan.now()).size();
        assertTrue(sent <= 2 * 10 + 1, "its own 10 adverts and at most 10 answers, not " + sent);
        assertEquals(List.of(master), lan.masters(1));
    }
}
