package io.hakeeper.engine.loop;

/**
 * One re-armable timer owned by the event loop. Arming and cancelling move the same object in the loop's
 * queue, so a timer re-armed on every advert allocates nothing. Only the loop thread may touch it.
 */
public final class Timer {

    static final long DISARMED = Long.MIN_VALUE;

    private final String name;
    private final Runnable action;
    /** Where the timer sits in the queue. */
    long deadline = DISARMED;
    /** A later deadline not yet applied ({@link LoopCore#postpone}), or {@link #DISARMED}. */
    long postponedTo = DISARMED;
    /** The id the queue gave it while armed, or -1 when not queued; kept by {@link TimerQueue}. */
    int id = -1;

    Timer(String name, Runnable action) {
        this.name = name;
        this.action = action;
    }

    /** What the timer is for, as log lines name it: {@code VI_1 master-down}. */
    public String name() {
        return name;
    }

    public boolean isArmed() {
        return id >= 0;
    }

    /** The monotonic deadline in nanoseconds, postponement included; meaningful only while armed. */
    public long deadline() {
        return postponedTo != DISARMED ? postponedTo : deadline;
    }

    Runnable action() {
        return action;
    }

    @Override
    public String toString() {
        return name;
    }
}
