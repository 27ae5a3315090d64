package io.hakeeper.engine.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A thousand seeded runs of {@link RandomScenario}, each checked by the independent {@link ElectionChecker};
 * and the proof that the checker has teeth: the same runs with a deliberately broken machine must fail.
 * A failing seed replays alone with {@code -Dhakeeper.sim.seed=N}.
 */
class RandomizedElectionTest {

    private static final int SEEDS = 1000;

    @Test
    void everyRandomRunEndsWithOneRightfulMasterPerVirtualRouterAndNoForbiddenTransition() {
        String only = System.getProperty("hakeeper.sim.seed");
        long first = only == null ? 1 : Long.parseLong(only);
        long last = only == null ? SEEDS : first;
        List<String> violations = new ArrayList<>();
        for (long seed = first; seed <= last; seed++) {
            violations.addAll(new RandomScenario(seed, MachineDefect.NONE).run());
        }
        violations.stream().limit(40).forEach(System.out::println);
        assertTrue(violations.isEmpty(), violations.size() + " violations, first: "
                + violations.stream().limit(5).toList());
    }

    @Test
    void checkerCatchesAMachineThatIgnoresSkewTime() {
        assertCaught(MachineDefect.SKEW_IGNORED);
    }

    @Test
    void checkerCatchesAMachineWhoseTieBreakIsReversed() {
        assertCaught(MachineDefect.TIE_BREAK_REVERSED);
    }

    private static void assertCaught(MachineDefect defect) {
        int failing = 0;
        for (long seed = 1; seed <= 200; seed++) {
            if (!new RandomScenario(seed, defect).run().isEmpty()) {
                failing++;
            }
        }
        System.out.println(defect + ": " + failing + " of 200 seeds fail the checker");
        assertTrue(failing > 0, "the checker must notice " + defect);
    }
}
