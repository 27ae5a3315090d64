package io.hakeeper.engine.loop;

/**
 * How the loop thread sleeps until its next timer or until another thread hands it work. The network layer
 * replaces the parking one with a poll(2) over its sockets, so that packets wake the loop too.
 */
public interface Waiter {

    /** Sleeps at most {@code timeoutNanos} (negative: until woken). May return early. Loop thread only. */
    void await(long timeoutNanos);

    /** Ends the current or next {@link #await} early. Any thread. */
    void wakeup();
}
