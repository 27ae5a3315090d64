package io.hakeeper.engine.vrrp.sim;

/**
 * What every scenario test starts from: a clean LAN on a fixed seed, with a log of what happens on it.
 */
abstract class LanScenario {

    final SimulatedLan lan;
    final TransitionLog log = new TransitionLog();
    /** How long an advert takes on the clean LAN. */
    final long delay;
    /** The simulated loop's timer resolution: the "+ one tick" of the timing assertions. */
    final long tick;

    LanScenario(long seed) {
        lan = new SimulatedLan(seed);
        lan.observe(log);
        delay = lan.conditions().delayNanos();
        tick = lan.tickNanos();
    }
}
