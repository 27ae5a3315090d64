package io.hakeeper.engine.vrrp.sim;

import static io.hakeeper.engine.vrrp.sim.InstanceBuilder.instance;
import static io.hakeeper.engine.vrrp.sim.RfcTimers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;

/** A better router arriving late: preempt, nopreempt, preempt_delay. */
class PreemptionSimulationTest extends LanScenario {

    private static final long JOINS_AT = 10 * SECOND;

    PreemptionSimulationTest() {
        super(3);
    }

    private SimRouter electedFirst() {
        SimRouter incumbent = lan.addRouter("incumbent", instance(1, 100, 1).build());
        lan.start(incumbent);
        lan.runUntil(JOINS_AT);
        assertEquals(List.of(incumbent), lan.masters(1));
        return incumbent;
    }

    @Test
    void higherPriorityRouterJoiningLaterPreemptsTheMaster() {
        SimRouter incumbent = electedFirst();
        SimRouter better = lan.addRouter("better", instance(1, 200, 2).build());
        lan.start(better);
        lan.runFor(10 * SECOND);

        assertEquals(List.of(better), lan.masters(1));
        long takeover = log.firstEntered(better, 1, VrrpState.MASTER, JOINS_AT).orElseThrow();
        assertTrue(takeover <= JOINS_AT + RfcTimers.masterDownInterval(3, 200, 100) + tick,
                "it ignores the lower master's adverts and lets its timer run out");
        long stepDown = log.firstEntered(incumbent, 1, VrrpState.BACKUP, JOINS_AT).orElseThrow();
        assertEquals(takeover + delay, stepDown, "the old master steps down on the first advert it hears");
    }

    @Test
    void nopreemptRouterJoiningLaterLeavesTheMasterAlone() {
        SimRouter incumbent = electedFirst();
        SimRouter better = lan.addRouter("better", instance(1, 200, 2).nopreempt().build());
        lan.start(better);
        lan.runFor(60 * SECOND);

        assertEquals(List.of(incumbent), lan.masters(1));
        assertEquals(List.of(), log.of(incumbent, 1, JOINS_AT));
    }

    @Test
    void preemptDelayHoldsPreemptionOffForTheDelay() {
        electedFirst();
        long preemptDelay = 5 * SECOND;
        SimRouter better = lan.addRouter("better", instance(1, 200, 2).preemptDelay(preemptDelay).build());
        lan.start(better);
        lan.runFor(20 * SECOND);

        long takeover = log.firstEntered(better, 1, VrrpState.MASTER, JOINS_AT).orElseThrow();
        assertTrue(takeover >= JOINS_AT + preemptDelay, "not while the delay runs");
        assertTrue(takeover <= JOINS_AT + preemptDelay + RfcTimers.masterDownInterval(3, 200, 100) + tick,
                "once the delay is over, it lets the lower master's timer run out");
        assertEquals(List.of(better), lan.masters(1));
    }
}
