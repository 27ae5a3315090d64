package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.engine.loop.Waiter;

/** The loop's ppoll-based waiter sleeps until its deadline and no longer than it takes another thread to wake it. */
class PollWaiterTest {

    private PollWaiter waiter;

    @BeforeEach
    void open() throws NativeCallException {
        waiter = new PollWaiter(0);
    }

    @AfterEach
    void close() {
        waiter.close();
    }

    @Test
    void awaitSleepsUntilItsTimeoutWhenNothingHappens() {
        long start = System.nanoTime();
        awaitFor(TimeUnit.MILLISECONDS.toNanos(50));
        long slept = System.nanoTime() - start;

        assertTrue(slept >= TimeUnit.MILLISECONDS.toNanos(50), "woke early: " + slept + " ns");
        assertTrue(slept < TimeUnit.MILLISECONDS.toNanos(500), "overslept: " + slept + " ns");
    }

    @Test
    void aWakeupFromAnotherThreadEndsAnEndlessAwait() throws Exception {
        Thread waker = new Thread(() -> {
            sleep(50);
            waiter.wakeup();
        });
        long start = System.nanoTime();
        waker.start();
        awaitFor(-1);

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        waker.join();
    }

    @Test
    void aWakeupBeforeAwaitEndsTheNextAwaitOnceOnly() {
        waiter.wakeup();
        waiter.wakeup();

        long start = System.nanoTime();
        awaitFor(TimeUnit.SECONDS.toNanos(5));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a pending wakeup was lost");

        start = System.nanoTime();
        awaitFor(TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "the wakeups were not drained");
    }

    /**
     * ppoll(2) lets the kernel fire its own timeout late by 0.1 % of it (0.5 % for a niced thread): 3.6 ms on
     * a VRRPv2 Master_Down_Interval, 18 ms under nice 10, all of it added to a takeover. The waiter must keep
     * the loop's deadline on a timer the kernel fires on time: a timerfd, armed on CLOCK_MONOTONIC for the
     * deadline, seen here in /proc while the loop sleeps.
     */
    @Test
    void theDeadlineIsKeptByAnExactKernelTimerWhileTheLoopSleeps() throws Exception {
        long timeout = TimeUnit.SECONDS.toNanos(2);
        Thread sleeper = new Thread(() -> awaitFor(timeout));
        sleeper.start();
        try {
            List<String> armed = List.of();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (armed.isEmpty() && System.nanoTime() < giveUp) {
                armed = armedMonotonicTimers();
                sleep(5);
            }
            assertEquals(1, armed.size(), "one armed CLOCK_MONOTONIC timerfd while the loop sleeps: " + armed);
            long remaining = itValueNanos(armed.get(0));
            assertTrue(remaining > 0 && remaining <= timeout, "armed for " + remaining + " ns, not the deadline");
        } finally {
            waiter.wakeup();
            sleeper.join();
        }
    }

    /** A timer that fired is re-armed for the next deadline: the loop neither spins on it nor oversleeps. */
    @Test
    void afterTheTimerFiresTheNextDeadlineIsWaitedForInFull() {
        awaitFor(TimeUnit.MILLISECONDS.toNanos(20));

        long start = System.nanoTime();
        awaitFor(TimeUnit.MILLISECONDS.toNanos(50));
        long slept = System.nanoTime() - start;
        assertTrue(slept >= TimeUnit.MILLISECONDS.toNanos(50), "woke early: " + slept + " ns");
        assertTrue(slept < TimeUnit.MILLISECONDS.toNanos(500), "overslept: " + slept + " ns");
    }

    /** Woken before its deadline, the loop keeps the timer armed for it: the same deadline still wakes it. */
    @Test
    void theSameDeadlineAfterAWakeupStillWakesTheLoopOnTime() {
        long now = System.nanoTime();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(100);
        waiter.wakeup();
        waiter.await(deadline, now);
        assertTrue(System.nanoTime() < deadline, "the wakeup did not end the wait");

        waiter.await(deadline, System.nanoTime());
        long late = System.nanoTime() - deadline;
        assertTrue(late >= 0, "woke " + -late + " ns before the deadline");
        assertTrue(late < TimeUnit.MILLISECONDS.toNanos(400), "overslept by " + late + " ns");
    }

    /**
     * A deadline that moves later (a backup hearing its master) leaves the timer armed for the earlier one,
     * which wakes the loop early once; then the later deadline is armed and kept.
     */
    @Test
    void aLaterDeadlineLeavesTheTimerArmedForTheEarlierOneWhichWakesTheLoopOnce() {
        long start = System.nanoTime();
        long earlier = start + TimeUnit.MILLISECONDS.toNanos(100);
        long later = start + TimeUnit.MILLISECONDS.toNanos(300);
        waiter.wakeup();
        waiter.await(earlier, start);
        assertTrue(System.nanoTime() < earlier, "the wakeup did not end the wait");

        waiter.await(later, System.nanoTime());
        long woke = System.nanoTime();
        assertTrue(woke >= earlier, "woke " + (earlier - woke) + " ns before the earlier deadline");
        assertTrue(woke < later, "the timer was re-armed for the later deadline: woke at " + (woke - start) + " ns");

        waiter.await(later, System.nanoTime());
        long late = System.nanoTime() - later;
        assertTrue(late >= 0, "woke " + -late + " ns before the later deadline");
        assertTrue(late < TimeUnit.MILLISECONDS.toNanos(400), "overslept by " + late + " ns");
    }

    /** A loop left with no timer disarms the one it had: that old deadline does not wake it. */
    @Test
    void noDeadlineDisarmsTheTimer() throws Exception {
        long now = System.nanoTime();
        waiter.wakeup();
        waiter.await(now + TimeUnit.MILLISECONDS.toNanos(30), now);

        Thread waker = new Thread(() -> {
            sleep(200);
            waiter.wakeup();
        });
        long start = System.nanoTime();
        waker.start();
        waiter.await(Waiter.NO_DEADLINE, start);
        long slept = System.nanoTime() - start;
        waker.join();
        assertTrue(slept >= TimeUnit.MILLISECONDS.toNanos(150), "woken after " + slept + " ns by a disarmed timer");
    }

    @Test
    void packetsThatWakeABusyLoopGatherBeforeItReadsThem() throws Exception {
        long gather = TimeUnit.MILLISECONDS.toNanos(50);
        try (ReadableFd packet = new ReadableFd();
             PollWaiter busy = new PollWaiter(1, gather, TimeUnit.SECONDS.toNanos(60))) {
            int slot = busy.watch(packet.fd);
            packet.makeReadable();
            assertTrue(awaitFor(busy, TimeUnit.SECONDS.toNanos(30)) < TimeUnit.SECONDS.toNanos(10),
                    "the first packet waited");
            assertTrue(busy.isReadable(slot));

            long waited = awaitFor(busy, TimeUnit.SECONDS.toNanos(30));

            assertTrue(busy.isReadable(slot), "the packet is read after the gathering");
            assertTrue(waited >= gather, "read after " + waited + " ns, before the " + gather + " ns gathering");
            assertTrue(waited < TimeUnit.SECONDS.toNanos(10), "slept to the deadline: " + waited + " ns");
        }
    }

    @Test
    void aGatheringEndsForWorkHandedInAndNeverDelaysATimer() throws Exception {
        try (ReadableFd packet = new ReadableFd();
             PollWaiter busy = new PollWaiter(1, TimeUnit.SECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(60))) {
            int slot = busy.watch(packet.fd);
            packet.makeReadable();
            awaitFor(busy, TimeUnit.SECONDS.toNanos(300));
            assertTrue(busy.isReadable(slot));

            busy.wakeup();
            assertTrue(awaitFor(busy, TimeUnit.SECONDS.toNanos(300)) < TimeUnit.SECONDS.toNanos(10),
                    "a task handed in waited");
            assertTrue(busy.isReadable(slot));

            // due before a gathering would end
            assertTrue(awaitFor(busy, TimeUnit.MILLISECONDS.toNanos(30)) < TimeUnit.SECONDS.toNanos(10),
                    "a timer due soon waited");
            assertTrue(busy.isReadable(slot));
        }
    }

    @Test
    void aLoopThatPacketsWakeSeldomReadsEachAtOnce() throws Exception {
        try (ReadableFd packet = new ReadableFd();
             PollWaiter quiet = new PollWaiter(1, TimeUnit.SECONDS.toNanos(20), 1)) {
            int slot = quiet.watch(packet.fd);
            packet.makeReadable();
            for (int i = 0; i < 3; i++) {
                assertTrue(awaitFor(quiet, TimeUnit.SECONDS.toNanos(300)) < TimeUnit.SECONDS.toNanos(10),
                        "wake-up " + i + " waited");
                assertTrue(quiet.isReadable(slot));
            }
        }
    }

    /** Waits on {@code on} for a deadline {@code timeoutNanos} from now; returns how long it took. */
    private static long awaitFor(PollWaiter on, long timeoutNanos) {
        long now = System.nanoTime();
        on.await(now + timeoutNanos, now);
        return System.nanoTime() - now;
    }

    /** An eventfd standing for a socket: readable from {@link #makeReadable} on, as a socket with a packet queued. */
    private static final class ReadableFd implements AutoCloseable {
        final int fd = LibC.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        private final NativeMemory one = NativeMemory.allocate(8);

        void makeReadable() {
            one.putLong(0, 1);
            assertEquals(8, LibC.write(fd, one.address(), 8));
        }

        @Override
        public void close() {
            LibC.close(fd);
        }
    }

    /** {@code timeoutNanos} from now; negative: no deadline. */
    private void awaitFor(long timeoutNanos) {
        long now = System.nanoTime();
        waiter.await(timeoutNanos < 0 ? Waiter.NO_DEADLINE : now + timeoutNanos, now);
    }

    /** The fdinfo of every timerfd of this process whose clock is CLOCK_MONOTONIC (1) and that is armed. */
    private static List<String> armedMonotonicTimers() throws IOException {
        List<String> armed = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (!target.equals("anon_inode:[timerfd]")) {
                    continue;
                }
                String info = Files.readString(Path.of("/proc/self/fdinfo", fd.getFileName().toString()));
                if (info.contains("clockid: 1\n") && itValueNanos(info) > 0) {
                    armed.add(info);
                }
            }
        }
        return armed;
    }

    /** {@code it_value: (SECONDS, NANOSECONDS)}: what is left until the timer fires. */
    private static long itValueNanos(String fdinfo) {
        Matcher m = Pattern.compile("it_value: \\((\\d+), (\\d+)\\)").matcher(fdinfo);
        return m.find() ? Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)) : -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
