package io.hakeeper.engine.net;

import java.util.function.LongSupplier;

/**
 * Puts the kernel's arrival stamps of packets ({@link ReceivedPacket#arrivedAtRealtimeNanos}, wall-clock
 * time) on the loop's monotonic clock, so that an advert's timers run from when it reached the host. The
 * loop reads a socket when it gets a CPU: on a busy machine (another process exiting beside it, say) that
 * was up to a millisecond after the advert arrived, and a backup timed its Skew_Time or
 * Master_Down_Interval from then, late by as much. keepalived's loop has the same gap, only a shorter one.
 *
 * <p>The two clocks' offset is read once per wake-up of the loop, when the first stamped packet asks for
 * it: the wall clock moves against the monotonic one only by NTP's slewing (at most half a microsecond per
 * millisecond) or by a step. A stamp that a step has made meaningless (later than now, or older than
 * {@link #MAX_AGE_NANOS}) is not used: the packet counts from the wake-up, as it did without stamps. An
 * arrival is never put later than now nor earlier than the stamp says, so no timer runs out before its
 * protocol time. One thread; allocates nothing.
 */
public final class ArrivalClock {

    /** Older than this by the wall clock, a stamp is taken for a clock step rather than a late read. */
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final LongSupplier monotonic;
    private final LongSupplier realtime;
    private long offsetNanos;
    private long monotonicAtOffset;
    private boolean offsetKnown;
    /** False when the wall clock could not be read at this wake-up: every packet counts from the wake-up. */
    private boolean offsetUsable;

    /** On the JVM's monotonic clock (the loop's, {@code System.nanoTime}) and the kernel's wall clock. */
    public static ArrivalClock system() {
        NativeMemory timespec = NativeMemory.allocate(16);
        return new ArrivalClock(System::nanoTime, () -> {
            if (LibC.clock_gettime(Linux.CLOCK_REALTIME, timespec.address()) != 0) {
                return 0; // never seen: CLOCK_REALTIME always exists
            }
            return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8);
        });
    }

    /** {@code realtime} gives 0 when it cannot read the wall clock. */
    ArrivalClock(LongSupplier monotonic, LongSupplier realtime) {
        this.monotonic = monotonic;
        this.realtime = realtime;
    }

    /** A new wake-up of the loop: the offset is read again at the first stamp asked about. */
    public void wokeUp() {
        offsetKnown = false;
    }

    /**
     * When the packet arrived, on the monotonic clock: from its stamp, or {@code wokeAtNanos} (the loop's
     * reading when it woke) when it has none or one not to be trusted.
     */
    public long arrival(long arrivedAtRealtimeNanos, long wokeAtNanos) {
        if (arrivedAtRealtimeNanos == 0) {
            return wokeAtNanos;
        }
        if (!offsetKnown) {
            monotonicAtOffset = monotonic.getAsLong();
            long wall = realtime.getAsLong();
            offsetNanos = wall - monotonicAtOffset;
            offsetUsable = wall > 0;
            offsetKnown = true;
        }
        if (!offsetUsable) {
            return wokeAtNanos;
        }
        long arrived = arrivedAtRealtimeNanos - offsetNanos;
        if (arrived > monotonicAtOffset || monotonicAtOffset - arrived > MAX_AGE_NANOS) {
            return wokeAtNanos;
        }
        return arrived;
    }
}
