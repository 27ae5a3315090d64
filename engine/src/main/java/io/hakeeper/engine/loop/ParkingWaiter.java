package io.hakeeper.engine.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * Sleeps by parking the loop thread. A wakeup that comes before the park is not lost: the flag is checked
 * first, and an unpark before a park makes that park return at once.
 */
public final class ParkingWaiter implements Waiter {

    private volatile Thread sleeper;
    private volatile boolean woken;

    @Override
    public void await(long deadlineNanos, long nowNanos) {
        sleeper = Thread.currentThread();
        if (!woken) {
            if (deadlineNanos == NO_DEADLINE) {
                LockSupport.park(this);
            } else if (deadlineNanos > nowNanos) {
                LockSupport.parkNanos(this, deadlineNanos - nowNanos);
            }
        }
        woken = false;
    }

    @Override
    public void wakeup() {
        woken = true;
        Thread thread = sleeper;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
