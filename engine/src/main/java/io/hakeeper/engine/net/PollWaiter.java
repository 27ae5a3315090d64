package io.hakeeper.engine.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.loop.Waiter;

/**
 * The event loop's {@link Waiter} for a daemon with sockets: the loop thread sleeps in epoll (a
 * {@link Poller}) over its raw sockets, the netlink socket, an eventfd and a timerfd, so that a packet, a
 * task handed in by another thread ({@link #wakeup}), or the next timer deadline, whichever comes first,
 * wakes it. After {@link #await} the loop asks {@link #isReadable} which sockets to read.
 *
 * <p>An eventfd rather than a pipe: one descriptor, and any number of wake-ups before the loop gets to it
 * add up in one counter that a single read clears.
 *
 * <p>A timerfd rather than ppoll's own timeout: the kernel lets a poll timeout fire late by 0.1 % of its
 * length (0.5 % for a niced process), 3.6 ms of a VRRPv2 Master_Down_Interval and 18 ms of it under
 * {@code nice 10}, all of it added to every takeover; a timerfd fires on time. It stays armed while the
 * deadline does not move or moves later, so a loop woken by packets re-arms it only when its next timer
 * comes sooner (or after it fired early for a deadline that moved on).
 *
 * <p>A loop that packets wake in quick succession (a backup of many instances: 1,000 at 0.1 s hear 10,000
 * adverts a second, which arrive a few at a time) lets them gather for {@link #GATHER_NANOS} before it
 * reads, unless a timer is due sooner or another thread hands it work: each wake-up costs the same
 * context switch and epoll call whether it finds one advert or ten. A backup hears an advert at most that
 * much later, which moves nothing it decides (its timers still fire on time), and a loop woken by packets
 * less often than every {@link #BUSY_NANOS} (one instance at 0.01 s included) reads each one at once.
 */
public final class PollWaiter implements Waiter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollWaiter.class);

    /** {@link #armedFor} when the timer is not armed for any deadline the loop asked for. */
    private static final long NOT_ARMED = Long.MIN_VALUE;

    /** How long packets that wake a busy loop may gather before it reads them. */
    static final long GATHER_NANOS = 1_000_000;
    /** Packet wake-ups closer together than this make the loop busy. */
    static final long BUSY_NANOS = 5_000_000;

    private final Poller poller;
    /** The eventfd alone: what ends a gathering early. */
    private final Poller wakeupOnly;
    private final long gatherNanos;
    private final long busyNanos;
    /** Whether the last await found a socket readable, and when it was called; loop thread only. */
    private boolean socketsWoke;
    private long lastAwaitAt;
    private final int eventFd;
    private final int wakeupSlot;
    private final int timerFd;
    private final int timerSlot;
    /** The 8-byte value 1, written by any thread; never changed after construction. */
    private final NativeMemory one = NativeMemory.allocate(8);
    /** Where the loop thread reads the eventfd counter into; loop thread only. */
    private final NativeMemory drained = NativeMemory.allocate(8);
    /** struct itimerspec { timespec it_interval; timespec it_value; }: one shot, interval zero. Loop thread only. */
    private final NativeMemory timerSpec = NativeMemory.allocate(32);
    /** The deadline the timerfd is armed for ({@link Waiter#NO_DEADLINE}: disarmed). Loop thread only. */
    private long armedFor = Waiter.NO_DEADLINE;
    /** The last failure to arm the timerfd, logged once per cause; loop thread only. */
    private SocketError timerError;

    /** @param sockets how many sockets {@link #watch} may add */
    public PollWaiter(int sockets) throws NativeCallException {
        this(sockets, GATHER_NANOS, BUSY_NANOS);
    }

    /** As {@link #PollWaiter(int)}, packets of a busy loop gathered as given (tests). */
    PollWaiter(int sockets, long gatherNanos, long busyNanos) throws NativeCallException {
        this.gatherNanos = gatherNanos;
        this.busyNanos = busyNanos;
        eventFd = LibC.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        if (eventFd < 0) {
            throw new NativeCallException(new SocketError(NativeCall.EVENTFD, "", Native.errno()));
        }
        timerFd = LibC.timerfd_create(Linux.CLOCK_MONOTONIC, Linux.TFD_NONBLOCK | Linux.TFD_CLOEXEC);
        if (timerFd < 0) {
            SocketError error = new SocketError(NativeCall.TIMERFD, "", Native.errno());
            LibC.close(eventFd);
            throw new NativeCallException(error);
        }
        poller = new Poller(sockets + 2);
        wakeupSlot = poller.add(eventFd);
        timerSlot = poller.add(timerFd);
        wakeupOnly = new Poller(1);
        wakeupOnly.add(eventFd);
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
    public void await(long deadlineNanos, long nowNanos) {
        boolean busy = socketsWoke && nowNanos - lastAwaitAt < busyNanos;
        lastAwaitAt = nowNanos;
        int ready;
        if (deadlineNanos <= nowNanos) {
            ready = poller.pollNanos(0); // due already: read what the sockets hold, sleep not at all
        } else if (busy && deadlineNanos - nowNanos > 2 * gatherNanos) {
            // returns early by the contract: the loop runs what is due and comes back with a fresh clock
            wakeupOnly.pollNanos(gatherNanos);
            ready = poller.pollNanos(0);
        } else if (deadlineNanos == armedFor || keepsEarlierArming(deadlineNanos) || arm(deadlineNanos, nowNanos)) {
            ready = poller.pollNanos(-1);
        } else {
            ready = poller.pollNanos(deadlineNanos - nowNanos); // no timer: late by the kernel's slack, but awake
        }
        socketsWoke = ready > (poller.isReadable(timerSlot) ? 1 : 0) + (poller.isReadable(wakeupSlot) ? 1 : 0);
        if (poller.isReadable(timerSlot)) {
            // it fired: the next await re-arms (or disarms) it, which also clears the expiry, so it does
            // not keep the poll returning at once
            armedFor = NOT_ARMED;
        }
        if (poller.isReadable(wakeupSlot)) {
            LibC.read(eventFd, drained.address(), 8); // resets the counter: later wake-ups start afresh
        }
    }

    /**
     * Whether the timer, armed for an earlier deadline than {@code deadlineNanos}, is left so: it then wakes
     * the loop early once, and the loop arms it for the later deadline then. A backup pushes its deadline
     * back at every advert it hears, which moves the loop's next deadline about as often: re-arming each
     * time was a timerfd_settime(2) per advert (thousands a second for 1,000 backups at 0.1 s), where the
     * early wake-ups come once per Master_Down_Interval less an advert interval. A loop left with no deadline
     * still disarms, so that it sleeps until woken.
     */
    private boolean keepsEarlierArming(long deadlineNanos) {
        return armedFor != NOT_ARMED && armedFor != Waiter.NO_DEADLINE && deadlineNanos != Waiter.NO_DEADLINE
                && armedFor < deadlineNanos;
    }

    /**
     * Arms the timerfd to fire {@code deadline - now} from now (disarms it for {@link Waiter#NO_DEADLINE}).
     * Relative, so that the loop's clock need only run at the kernel's rate: armed a few microseconds after
     * {@code now} was read, the timer fires as late as that, never early.
     */
    private boolean arm(long deadlineNanos, long nowNanos) {
        long in = deadlineNanos == Waiter.NO_DEADLINE ? 0 : deadlineNanos - nowNanos;
        timerSpec.putLong(16, in / 1_000_000_000L);
        timerSpec.putLong(24, in % 1_000_000_000L);
        if (LibC.timerfd_settime(timerFd, 0, timerSpec.address(), 0) < 0) {
            SocketError error = new SocketError(NativeCall.TIMERFD, "", Native.errno());
            if (!error.equals(timerError)) {
                LOG.warn("cannot arm the event loop's timer ({}): timers wake it through poll's timeout, up to"
                        + " 0.1 % of it late", error);
                timerError = error;
            }
            armedFor = NOT_ARMED;
            return false;
        }
        armedFor = deadlineNanos;
        return true;
    }

    @Override
    public void wakeup() {
        // EAGAIN only when the counter is near 2^64: the loop is awake-pending anyway
        LibC.write(eventFd, one.address(), 8);
    }

    /** The last epoll failure, or null. A failing poll returns at once, so the loop notices it spinning. */
    public SocketError lastError() {
        return poller.lastError();
    }

    @Override
    public void close() {
        wakeupOnly.close();
        poller.close();
        LibC.close(timerFd);
        LibC.close(eventFd);
    }
}
