package io.hakeeper.engine.loop;

/**
 * How the loop thread sleeps until its next timer or until another thread hands it work. The network layer
 * replaces the parking one with a poll(2) over its sockets, so that packets wake the loop too.
 */
public interface Waiter {

    /** The deadline of a loop with no timer armed: it sleeps until woken. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * Sleeps until the loop's clock reads {@code deadlineNanos} ({@link #NO_DEADLINE}: until woken), at once
     * when it is not later than {@code nowNanos}, the clock's present reading. The deadline is absolute so
     * that a waiter can leave a kernel timer armed across wakes while it does not move. May return early.
     * Loop thread only.
     */
    void await(long deadlineNanos, long nowNanos);

    /** Ends the current or next {@link #await} early. Any thread. */
    void wakeup();
}
