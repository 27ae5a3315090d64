package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Kernel arrival stamps on the loop's clock, and the stamps a clock step makes meaningless left out. */
class ArrivalClockTest {

    private static final long SECOND = 1_000_000_000L;
    /** The wall clock reads this much more than the monotonic one. */
    private static final long OFFSET = 1_700_000_000L * SECOND;

    private long monotonicNow = 50 * SECOND;
    private long wallNow = monotonicNow + OFFSET;
    private int wallReads;
    private final ArrivalClock clock = new ArrivalClock(() -> monotonicNow, () -> {
        wallReads++;
        return wallNow;
    });

    @Test
    void aStampedPacketCountsFromItsArrival() {
        long arrivedWall = wallNow - 700_000; // 0.7 ms before the read
        clock.wokeUp();
        assertEquals(monotonicNow - 700_000, clock.arrival(arrivedWall, monotonicNow - 100_000));
    }

    @Test
    void anUnstampedPacketCountsFromTheWakeUp() {
        clock.wokeUp();
        assertEquals(monotonicNow - 100_000, clock.arrival(0, monotonicNow - 100_000));
        assertEquals(0, wallReads, "the wall clock read for nothing");
    }

    @Test
    void theOffsetIsReadOncePerWakeUp() {
        clock.wokeUp();
        for (int i = 0; i < 8; i++) {
            clock.arrival(wallNow - 1_000, monotonicNow);
        }
        assertEquals(1, wallReads);
        clock.wokeUp();
        clock.arrival(wallNow - 1_000, monotonicNow);
        assertEquals(2, wallReads);
    }

    @Test
    void aWallClockThatCannotBeReadLeavesEveryPacketToItsWakeUp() {
        ArrivalClock unreadable = new ArrivalClock(() -> monotonicNow, () -> 0);
        unreadable.wokeUp();
        long wokeAt = monotonicNow - 10_000;
        assertEquals(wokeAt, unreadable.arrival(wallNow - 700_000, wokeAt));
    }

    @Test
    void aStampInTheFutureIsAStepOfTheWallClockNotAnArrival() {
        clock.wokeUp();
        long wokeAt = monotonicNow - 10_000;
        assertEquals(wokeAt, clock.arrival(wallNow + 5 * SECOND, wokeAt));
    }

    @Test
    void aStampOlderThanTheLimitIsAStepOfTheWallClockNotALateRead() {
        clock.wokeUp();
        long wokeAt = monotonicNow - 10_000;
        assertEquals(wokeAt, clock.arrival(wallNow - ArrivalClock.MAX_AGE_NANOS - 1, wokeAt));
        assertEquals(monotonicNow - ArrivalClock.MAX_AGE_NANOS + 1,
                clock.arrival(wallNow - ArrivalClock.MAX_AGE_NANOS + 1, wokeAt));
    }
}
