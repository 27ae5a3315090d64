package io.hakeeper.engine.net;

import io.hakeeper.engine.loop.Waiter;

import jnr.ffi.Pointer;

/**
 * The event loop's {@link Waiter} for a daemon with sockets: the loop thread sleeps in epoll (a
 * {@link Poller}) over its raw sockets, the netlink socket and an eventfd, so that a packet, a task handed in by another thread ({@link #wakeup}), or
 * the next timer deadline, whichever comes first, wakes it. After {@link #await} the loop asks
 * {@link #isReadable} which sockets to read.
 *
 * <p>An eventfd rather than a pipe: one descriptor, and any number of wake-ups before the loop gets to it
 * add up in one counter that a single read clears.
 */
public final class PollWaiter implements Waiter, AutoCloseable {

    private final Poller poller;
    private final int eventFd;
    private final int wakeupSlot;
    /** The 8-byte value 1, written by any thread; never changed after construction. */
    private final Pointer one = Native.allocate(8);
    /** Where the loop thread reads the eventfd counter into; loop thread only. */
    private final Pointer drained = Native.allocate(8);

    /** @param sockets how many sockets {@link #watch} may add */
    public PollWaiter(int sockets) throws NativeCallException {
        eventFd = Native.LIBC.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        if (eventFd < 0) {
            throw new NativeCallException(new SocketError(NativeCall.EVENTFD, "", Native.errno()));
        }
        poller = new Poller(sockets + 1);
        wakeupSlot = poller.add(eventFd);
        one.putLong(0, 1);
    }

    /** Adds a socket to wake for; returns its slot for {@link #isReadable}. Loop thread, or before it starts. */
    public int watch(int fd) {
        return poller.add(fd);
    }

    /** Stops watching the socket in {@code slot}, which is about to close. Loop thread only. */
    public void unwatch(int slot) {
        poller.remove(slot);
    }

    /** Whether the last {@link #await} found the socket in {@code slot} readable. Loop thread only. */
    public boolean isReadable(int slot) {
        return poller.isReadable(slot);
    }

    @Override
    public void await(long timeoutNanos) {
        poller.pollNanos(timeoutNanos);
        if (poller.isReadable(wakeupSlot)) {
            Native.LIBC.read(eventFd, drained, 8); // resets the counter: later wake-ups start afresh
        }
    }

    @Override
    public void wakeup() {
        // EAGAIN only when the counter is near 2^64: the loop is awake-pending anyway
        Native.LIBC.write(eventFd, one, 8);
    }

    /** The last ppoll failure, or null. A failing poll returns at once, so the loop notices it spinning. */
    public SocketError lastError() {
        return poller.lastError();
    }

    @Override
    public void close() {
        poller.close();
        Native.LIBC.close(eventFd);
    }
}
