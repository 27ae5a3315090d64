package io.hakeeper.engine.loop;

/**
 * One re-armable timer owned by the event loop. Arming and cancelling move the same object in the loop's
 * queue, so a timer re-armed on every advert allocates nothing. Only the loop thread may touch it.
 */
public final class Timer {

    static final long DISARMED = Long.MIN_VALUE;

    private final String name;
    private final Runnable action;
    /** Run {@link LoopCore#HEADS_UP_LEAD_NANOS} before the deadline when wanted; null for none. */
    private final Runnable headsUp;
    /** Whether this deadline gets {@link #headsUp}: set at each arming by the timer's owner. */
    boolean headsUpWanted;
    /** Whether {@link #headsUp} already ran for the deadline the timer has now. */
    boolean headsUpGiven;
    /** Whether this deadline gets the loop's warm-up ({@link LoopCore#onWarmUp}): set at each arming. */
    boolean warmUpWanted;
    /** Whether the warm-up already ran for the deadline the timer has now. */
    boolean warmUpGiven;
    /** Where the timer sits in the queue. */
    long deadline = DISARMED;
    /** A later deadline not yet applied ({@link LoopCore#postpone}), or {@link #DISARMED}. */
    long postponedTo = DISARMED;
    /** The id the queue gave it while armed, or -1 when not queued; kept by {@link TimerQueue}. */
    int id = -1;

    Timer(String name, Runnable action, Runnable headsUp) {
        this.name = name;
        this.action = action;
        this.headsUp = headsUp;
    }

    /**
     * Whether the deadline the timer is armed for next gets its heads-up; kept until changed. Loop thread
     * only.
     */
    public void wantHeadsUp(boolean wanted) {
        headsUpWanted = wanted && headsUp != null;
    }

    /**
     * Whether the deadline the timer is armed for next gets the loop's warm-up,
     * {@link LoopCore#WARM_UP_LEAD_NANOS} before it; kept until changed. Loop thread only.
     */
    public void wantWarmUp(boolean wanted) {
        warmUpWanted = wanted;
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

    Runnable headsUp() {
        return headsUp;
    }

    @Override
    public String toString() {
        return name;
    }
}
