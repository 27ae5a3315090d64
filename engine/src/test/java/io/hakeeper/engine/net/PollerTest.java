package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A descriptor taken out of the poller (its socket about to close) is no longer reported, and its slot is
 * taken by the next one added, so a daemon closing and reopening sockets never fills the poller.
 */
class PollerTest {

    private int first;
    private int second;

    @BeforeEach
    void open() {
        first = LibC.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        second = LibC.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        assertTrue(first >= 0 && second >= 0, "eventfd failed");
    }

    @AfterEach
    void close() {
        LibC.close(first);
        LibC.close(second);
    }

    @Test
    void aRemovedDescriptorIsNotReportedAndItsSlotIsTakenAgain() {
        try (Poller poller = new Poller(1)) {
            removeAndReuse(poller);
        }
    }

    private void removeAndReuse(Poller poller) {
        int slot = poller.add(first);
        assertThrows(IllegalStateException.class, () -> poller.add(second), "a full poller took another");
        signal(first);
        assertEquals(1, poller.poll(0));
        assertTrue(poller.isReadable(slot));

        poller.remove(slot);
        assertFalse(poller.isReadable(slot), "a removed slot still reads as ready");
        assertEquals(0, poller.poll(0), "a removed descriptor was reported");

        assertEquals(slot, poller.add(second));
        assertEquals(0, poller.poll(0));
        signal(second);
        assertEquals(1, poller.poll(0));
        assertTrue(poller.isReadable(slot));
    }

    @Test
    void aWaitReportsTheReadyDescriptorsOfManyAndNoneOfTheOthers() {
        int[] many = new int[40];
        try (Poller poller = new Poller(many.length)) {
            int[] slots = new int[many.length];
            for (int i = 0; i < many.length; i++) {
                many[i] = LibC.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
                slots[i] = poller.add(many[i]);
            }
            signal(many[3]);
            signal(many[37]);

            assertEquals(2, poller.poll(1000));
            for (int i = 0; i < many.length; i++) {
                assertEquals(i == 3 || i == 37, poller.isReadable(slots[i]), "slot of descriptor " + i);
            }
        } finally {
            for (int fd : many) {
                LibC.close(fd);
            }
        }
    }

    @Test
    void aTimeoutShorterThanAMillisecondIsWaitedInFull() {
        try (Poller poller = new Poller(1)) {
            poller.add(first);
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertEquals(0, poller.pollNanos(300_000));
                long waited = System.nanoTime() - start;
                assertTrue(waited >= 300_000, "woke before the timeout: " + waited + " ns");
            }
        }
    }

    /** A kernel before 5.11 has no epoll_pwait2: the wait is epoll_wait's, in whole milliseconds, never shorter. */
    @Test
    void withMillisecondWaitsATimeoutIsRoundedUpAndAReadyDescriptorStillReported() {
        try (Poller poller = new Poller(1, false)) {
            int slot = poller.add(first);
            long start = System.nanoTime();
            assertEquals(0, poller.pollNanos(300_000));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= 1_000_000, "a 0.3 ms timeout was not rounded up to 1 ms: " + waited + " ns");

            signal(first);
            assertEquals(1, poller.pollNanos(1_000_000_000L));
            assertTrue(poller.isReadable(slot));
        }
    }

    private static void signal(int eventFd) {
        NativeMemory one = NativeMemory.allocate(8);
        one.putLong(0, 1);
        assertEquals(8, LibC.write(eventFd, one.address(), 8));
    }
}
