package io.hakeeper.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class SoakFaultPlanTest {

    @Test
    void aSeedReplaysTheSameFaultsAndAnotherSeedDoesNot() {
        assertEquals(steps(42, 40), steps(42, 40));
        assertNotEquals(steps(42, 40), steps(43, 40));
    }

    @Test
    void everyKindComesOnceInEachRound() {
        int kinds = SoakFaultKind.values().length;
        List<SoakFaultPlan.Step> steps = steps(7, 3 * kinds);
        for (int round = 0; round < 3; round++) {
            EnumSet<SoakFaultKind> seen = EnumSet.noneOf(SoakFaultKind.class);
            steps.subList(round * kinds, (round + 1) * kinds).forEach(step -> seen.add(step.kind()));
            assertEquals(EnumSet.allOf(SoakFaultKind.class), seen, "round " + round);
        }
    }

    private static List<SoakFaultPlan.Step> steps(long seed, int count) {
        SoakFaultPlan plan = new SoakFaultPlan(seed);
        List<SoakFaultPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(plan.next());
        }
        return steps;
    }
}
