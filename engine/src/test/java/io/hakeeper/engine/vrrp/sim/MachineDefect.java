package io.hakeeper.engine.vrrp.sim;

/**
 * Deliberate bugs the simulation can give a router, so that a test can prove its checker catches them.
 * They are injected at the simulation's edge (what the machine is told), never inside the machine.
 */
public enum MachineDefect {
    NONE,
    /** Address comparisons come out backwards: ties go to the lower address. */
    TIE_BREAK_REVERSED,
    /** A backup's timer fires Skew_Time early: Master_Down_Interval without the skew. */
    SKEW_IGNORED
}
