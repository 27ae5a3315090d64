package io.hakeeper.engine.net;

import jnr.ffi.Pointer;

/**
 * ppoll(2) over a fixed set of file descriptors (the raw sockets, a wake-up descriptor), with the
 * {@code struct pollfd} array in native memory allocated once: polling allocates nothing. One thread.
 */
public final class Poller {

    // struct pollfd { int fd; short events; short revents; }
    private static final int POLLFD_SIZE = 8;

    private final Pointer fds;
    // struct timespec { long tv_sec; long tv_nsec; }
    private final Pointer timeout = Native.allocate(16);
    private final int capacity;
    private int count;
    private SocketError lastError;

    public Poller(int capacity) {
        this.capacity = capacity;
        this.fds = Native.allocate(capacity * POLLFD_SIZE);
    }

    /**
     * Adds a descriptor to watch for input; returns its slot, for {@link #isReadable}. A slot freed by
     * {@link #remove} is taken first, so sockets closed and opened again do not fill the poller.
     */
    public int add(int fd) {
        int slot = freeSlot();
        if (slot < 0) {
            if (count == capacity) {
                throw new IllegalStateException("poller is full: " + capacity + " descriptors");
            }
            slot = count++;
        }
        fds.putInt(slot * POLLFD_SIZE, fd);
        fds.putShort(slot * POLLFD_SIZE + 4, Linux.POLLIN);
        fds.putShort(slot * POLLFD_SIZE + 6, (short) 0);
        return slot;
    }

    /**
     * Stops watching the descriptor in {@code slot} (before it is closed: a closed descriptor's number may
     * be reused by anything). ppoll(2) skips a negative descriptor, so the slot stays in place, unready,
     * until {@link #add} takes it again.
     */
    public void remove(int slot) {
        fds.putInt(slot * POLLFD_SIZE, -1);
        fds.putShort(slot * POLLFD_SIZE + 6, (short) 0);
    }

    private int freeSlot() {
        for (int slot = 0; slot < count; slot++) {
            if (fds.getInt(slot * POLLFD_SIZE) < 0) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Waits until a descriptor is readable (or has an error) or {@code timeoutMillis} passes (negative:
     * no limit). Clears what the previous poll found.
     *
     * @return how many descriptors are ready, 0 on timeout or EINTR, -1 on failure ({@link #lastError()})
     */
    public int poll(int timeoutMillis) {
        return pollNanos(timeoutMillis < 0 ? -1 : timeoutMillis * 1_000_000L);
    }

    /**
     * As {@link #poll(int)} with a nanosecond timeout (negative: no limit), so that the event loop wakes
     * for a timer when it is due rather than up to a millisecond later.
     */
    public int pollNanos(long timeoutNanos) {
        Pointer limit = null;
        if (timeoutNanos >= 0) {
            timeout.putLong(0, timeoutNanos / 1_000_000_000L);
            timeout.putLong(8, timeoutNanos % 1_000_000_000L);
            limit = timeout;
        }
        int ready = Native.LIBC.ppoll(fds, count, limit, null);
        if (ready < 0) {
            int errno = Native.errno();
            if (errno == Linux.EINTR) {
                return 0;
            }
            lastError = new SocketError(NativeCall.PPOLL, "", errno);
        }
        return ready;
    }

    /** Whether the last poll found the slot readable, or in error (a read then reports the error). */
    public boolean isReadable(int slot) {
        return fds.getShort(slot * POLLFD_SIZE + 6) != 0;
    }

    public SocketError lastError() {
        return lastError;
    }
}
