package io.hakeeper.engine.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded sequence of faults: rounds in which every kind comes once, in an order shuffled by the seed,
 * so that in any stretch of the soak the kinds are evenly spread. Each step draws all its random numbers
 * up front, the same count whatever the lab looks like when it runs, so that a seed replays the same kinds,
 * targets, durations and variants.
 */
final class SoakFaultPlan {

    /**
     * One fault to inject.
     *
     * @param router    which of the four routers (0 = node1), for the kinds that take any router
     * @param hakeeper  which of the three hakeeper routers, for the kinds only hakeeper has
     * @param vr        which virtual router, for the kinds aimed at a master
     * @param duration  0..1, scaled to the kind's range
     * @param variant   0..1, picks a variant (which change a reload makes, which address is removed)
     * @param flips     how many times a check goes down (3-6)
     * @param calm      0..1, scaled to the extra quiet time after the fault
     */
    record Step(int number, SoakFaultKind kind, int router, int hakeeper, int vr, double duration, double variant,
            int flips, double calm) {
    }

    private final Random random;
    private final List<SoakFaultKind> round = new ArrayList<>();
    private int number;

    SoakFaultPlan(long seed) {
        this.random = new Random(seed);
    }

    Step next() {
        if (round.isEmpty()) {
            round.addAll(List.of(SoakFaultKind.values()));
            Collections.shuffle(round, random);
        }
        SoakFaultKind kind = round.remove(0);
        return new Step(++number, kind, random.nextInt(4), random.nextInt(3), random.nextInt(SoakVirtualRouter.ALL.size()),
                random.nextDouble(), random.nextDouble(), 3 + random.nextInt(4), random.nextDouble());
    }
}
