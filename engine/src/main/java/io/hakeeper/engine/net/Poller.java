package io.hakeeper.engine.net;

import java.util.Arrays;

/**
 * epoll(7) over a fixed number of file descriptors (the raw sockets, the netlink socket, a wake-up
 * descriptor), level-triggered. The descriptors are registered once, so a wait hands the kernel nothing and
 * it hands back only the ready ones: a wake-up costs the same whether 5 or 500 descriptors are watched, where
 * ppoll(2) registered and unregistered every one of them on each call. The event array is native memory
 * allocated once: polling allocates nothing. One thread.
 *
 * <p>Waits take a nanosecond timeout through epoll_pwait2(2) (Linux 5.11); on an older kernel through
 * epoll_wait(2), rounded up to the next millisecond, so that a timer is never run early.
 */
public final class Poller implements AutoCloseable {

    private static final int EPOLLIN = 0x001;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLL_CLOEXEC = 0x80000;
    /** The same number on every architecture: syscalls from 424 on were numbered for all at once. */
    private static final long SYS_EPOLL_PWAIT2 = 441;
    private static final int ENOSYS = 38;
    /** {@code struct epoll_event { uint32_t events; uint64_t data; }} is packed on x86-64 only. */
    private static final int EVENT_SIZE = isX86_64() ? 12 : 16;
    private static final int EVENT_DATA = isX86_64() ? 4 : 8;
    private static final long NEVER = -1;

    private final int epollFd;
    private final NativeMemory events;
    private final NativeMemory event = NativeMemory.allocate(16);
    // struct timespec { long tv_sec; long tv_nsec; }
    private final NativeMemory timeout = NativeMemory.allocate(16);
    private final int capacity;
    /** The descriptor in each slot, -1 for a free slot. */
    private final int[] fds;
    /** The wait that last found each slot ready: compared with {@link #waits}, nothing to clear per wait. */
    private final long[] readyAt;
    private long waits;
    private int count;
    private boolean nanosecondTimeouts;
    private SocketError lastError;

    /** @throws IllegalStateException when the kernel gives no epoll instance (out of descriptors or memory) */
    public Poller(int capacity) {
        this(capacity, true);
    }

    /** @param nanosecondTimeouts false: wait as on a kernel without epoll_pwait2 (tests of that path) */
    Poller(int capacity, boolean nanosecondTimeouts) {
        this.nanosecondTimeouts = nanosecondTimeouts;
        this.capacity = capacity;
        this.events = NativeMemory.allocate(Math.max(1, capacity) * EVENT_SIZE);
        this.fds = new int[capacity];
        this.readyAt = new long[capacity];
        Arrays.fill(fds, -1);
        Arrays.fill(readyAt, NEVER);
        epollFd = LibC.epoll_create1(EPOLL_CLOEXEC);
        if (epollFd < 0) {
            throw new IllegalStateException(new SocketError(NativeCall.EPOLL_CREATE1, "", Native.errno()).toString());
        }
    }

    /**
     * Adds a descriptor to watch for input; returns its slot, for {@link #isReadable}. A slot freed by
     * {@link #remove} is taken first, so sockets closed and opened again do not fill the poller.
     *
     * @throws IllegalStateException when the poller is full, or the kernel refuses the descriptor
     */
    public int add(int fd) {
        int slot = freeSlot();
        if (slot < 0) {
            if (count == capacity) {
                throw new IllegalStateException("poller is full: " + capacity + " descriptors");
            }
            slot = count++;
        }
        event.putInt(0, EPOLLIN);
        event.putLong(EVENT_DATA, slot);
        if (LibC.epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, event.address()) < 0) {
            throw new IllegalStateException(new SocketError(NativeCall.EPOLL_CTL, "descriptor " + fd,
                    Native.errno()).toString());
        }
        fds[slot] = fd;
        readyAt[slot] = NEVER;
        return slot;
    }

    /**
     * Stops watching the descriptor in {@code slot} (before it is closed: a closed descriptor's number may
     * be reused by anything). The slot stays unready until {@link #add} takes it again.
     */
    public void remove(int slot) {
        if (fds[slot] >= 0) {
            // fails only for a descriptor closed already, which epoll dropped by itself
            LibC.epoll_ctl(epollFd, EPOLL_CTL_DEL, fds[slot], event.address());
        }
        fds[slot] = -1;
        readyAt[slot] = NEVER;
    }

    private int freeSlot() {
        for (int slot = 0; slot < count; slot++) {
            if (fds[slot] < 0) {
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
        waits++;
        int ready = nanosecondTimeouts ? waitNanos(timeoutNanos) : waitMillis(timeoutNanos);
        if (ready < 0) {
            int errno = Native.errno();
            if (errno == ENOSYS && nanosecondTimeouts) {
                nanosecondTimeouts = false; // a kernel before 5.11: milliseconds from now on
                return pollNanos(timeoutNanos);
            }
            if (errno == Linux.EINTR) {
                return 0;
            }
            lastError = new SocketError(NativeCall.EPOLL_WAIT, "", errno);
            return -1;
        }
        for (int i = 0; i < ready; i++) {
            readyAt[(int) events.getLong((long) i * EVENT_SIZE + EVENT_DATA)] = waits;
        }
        return ready;
    }

    private int waitNanos(long timeoutNanos) {
        long limit = 0; // NULL: no time-out
        if (timeoutNanos >= 0) {
            timeout.putLong(0, timeoutNanos / 1_000_000_000L);
            timeout.putLong(8, timeoutNanos % 1_000_000_000L);
            limit = timeout.address();
        }
        return (int) LibC.syscall(SYS_EPOLL_PWAIT2, epollFd, events.address(), Math.max(1, capacity), limit, 0);
    }

    private int waitMillis(long timeoutNanos) {
        int millis = timeoutNanos < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        return LibC.epoll_wait(epollFd, events.address(), Math.max(1, capacity), millis);
    }

    /** Whether the last poll found the slot readable, or in error (a read then reports the error). */
    public boolean isReadable(int slot) {
        return readyAt[slot] == waits;
    }

    public SocketError lastError() {
        return lastError;
    }

    @Override
    public void close() {
        LibC.close(epollFd);
    }

    private static boolean isX86_64() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) || "x86_64".equals(arch);
    }
}
