package io.hakeeper.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lanes' promises: each key's calls in submission order and never two at once, keys side by side on a
 * fixed number of threads (or on one, joined by others only when calls wait, with a wait for help), and a
 * call that hangs holds its key no longer than the timeout, costs one thread at most (up to the bound), and
 * never holds another key at all (with a wait for help: for about that wait).
 */
class PluginLanesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final List<String> timeouts = new CopyOnWriteArrayList<>();
    private final List<String> late = new CopyOnWriteArrayList<>();
    private final PluginLanes.Listener listener = new PluginLanes.Listener() {
        @Override
        public void timedOut(String key, String what, Duration after) {
            timeouts.add(key + " " + what);
        }

        @Override
        public void finishedLate(String key, String what) {
            late.add(key + " " + what);
        }
    };
    private PluginLanes lanes;

    @AfterEach
    void close() {
        if (lanes != null) {
            lanes.close();
        }
    }

    @Test
    void eachKeysCallsRunInOrderOneAtATimeWhileKeysRunSideBySide() throws Exception {
        lanes = new PluginLanes("test-lanes", 4, Duration.ofSeconds(10), 4, listener);
        int keys = 50;
        int callsPerKey = 40;
        Map<String, List<Integer>> ran = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        AtomicInteger overlapsWithinAKey = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger atOnce = new AtomicInteger();
        for (int call = 0; call < callsPerKey; call++) {
            for (int k = 0; k < keys; k++) {
                String key = "VI_" + k;
                int number = call;
                lanes.submit(key, "call " + number, () -> {
                    if (inside.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlapsWithinAKey.incrementAndGet();
                    }
                    mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                    Thread.sleep(0, 200_000);
                    ran.computeIfAbsent(key, x -> Collections.synchronizedList(new ArrayList<>())).add(number);
                    atOnce.decrementAndGet();
                    inside.get(key).decrementAndGet();
                });
            }
        }
        assertTrue(lanes.awaitIdle(30_000), "the calls did not all run within 30 s");
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < callsPerKey; i++) {
            inOrder.add(i);
        }
        for (int k = 0; k < keys; k++) {
            assertEquals(inOrder, ran.get("VI_" + k), "VI_" + k + "'s calls out of order");
        }
        assertEquals(0, overlapsWithinAKey.get(), "two calls of one key ran at once");
        assertTrue(mostAtOnce.get() > 1 && mostAtOnce.get() <= 4, "calls at once: " + mostAtOnce.get());
        assertEquals(4, lanes.threads(), "the workers, and no thread per key");
        assertEquals(List.of(), timeouts);
    }

    @Test
    void callsSubmittedWhileHeldWakeNoWorkerUntilWokenAndOnlyTheHoldersAreHeld() throws Exception {
        lanes = new PluginLanes("test-lanes", 2, Duration.ofSeconds(10), 4, listener);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch otherRan = new CountDownLatch(1);
        lanes.holdWakeups();
        lanes.submit("VI_1", "add", () -> ran.add("add"));
        lanes.submit("VI_1", "announce", () -> ran.add("announce"));
        Thread other = new Thread(() -> lanes.submit("VI_2", "other", () -> {
            ran.add("other");
            otherRan.countDown();
        }));
        other.start();
        assertTrue(otherRan.await(5, TimeUnit.SECONDS), "another thread's call was held too");
        Thread.sleep(100);
        assertEquals(List.of("other"), ran, "a held call ran before the holder woke it");

        lanes.wakeHeld();
        assertTrue(lanes.awaitIdle(5_000));
        assertEquals(List.of("other", "add", "announce"), ran);
        lanes.submit("VI_1", "later", () -> ran.add("later"));
        assertTrue(lanes.awaitIdle(5_000));
        assertEquals("later", ran.get(ran.size() - 1), "calls after wakeHeld were still held");
    }

    @Test
    void whatOneThreadHeldIsWokenEvenIfAnotherTookTheHoldSince() throws Exception {
        lanes = new PluginLanes("test-lanes", 2, Duration.ofSeconds(10), 4, listener);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        lanes.holdWakeups();
        lanes.submit("VI_1", "held", () -> ran.add("held"));
        Thread other = new Thread(lanes::holdWakeups);
        other.start();
        other.join();
        lanes.wakeHeld();
        assertTrue(lanes.awaitIdle(5_000));
        assertEquals(List.of("held"), ran, "a held call was left waiting");
    }

    @Test
    void aCallSubmittedWhileAWorkerSpinsRunsOnThatWorkerAndIsNotHeld() throws Exception {
        List<String> placement = new CopyOnWriteArrayList<>();
        lanes = new PluginLanes("test-lanes", 4, Duration.ofSeconds(10), 4, listener, new PluginLanes.Spinning() {
            @Override
            public void spinning() {
                placement.add("spinning on " + Thread.currentThread().getName());
            }

            @Override
            public void spun() {
                placement.add("spun on " + Thread.currentThread().getName());
            }
        });
        Thread[] expecting = new Thread[1];
        CountDownLatch expected = new CountDownLatch(1);
        lanes.submitExpecting("VI_1", "expecting the add", () -> {
            expecting[0] = Thread.currentThread();
            expected.countDown();
        }, TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(500));
        assertTrue(expected.await(5, TimeUnit.SECONDS));
        Thread.sleep(20); // the worker sleeps until its spin begins: the call wakes it

        // the event loop holds its wake-ups during a takeover; a spinning worker needs none
        lanes.holdWakeups();
        Thread[] adding = new Thread[1];
        CountDownLatch added = new CountDownLatch(1);
        lanes.submit("VI_1", "add", () -> {
            adding[0] = Thread.currentThread();
            added.countDown();
        });
        assertTrue(added.await(5, TimeUnit.SECONDS), "the call waited for wakeHeld though a worker spun for it");
        lanes.wakeHeld();
        // a sleeping worker woken for it would be another: the one that ran a call last waits behind the rest
        assertEquals(expecting[0], adding[0], "the call did not go to the worker spinning for it");
        String spinner = expecting[0].getName();
        assertEquals(List.of("spinning on " + spinner), placement, "told of the spin once, on its thread");
        awaitSpun(placement, 2);
        assertEquals(List.of("spinning on " + spinner, "spun on " + spinner), placement);
    }

    private static void awaitSpun(List<String> placement, int told) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (placement.size() < told && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void twoWorkersDoneWithAnnouncingCallsAtOnceArePlacedOneAtATime() throws Exception {
        AtomicInteger placedNow = new AtomicInteger();
        AtomicInteger mostPlaced = new AtomicInteger();
        List<String> told = new CopyOnWriteArrayList<>();
        lanes = new PluginLanes("test-lanes", 4, Duration.ofSeconds(10), 4, listener, new PluginLanes.Spinning() {
            @Override
            public void spinning() {
                mostPlaced.accumulateAndGet(placedNow.incrementAndGet(), Math::max);
                told.add("spinning");
            }

            @Override
            public void spun() {
                placedNow.decrementAndGet();
                told.add("spun");
            }
        });
        CyclicBarrier together = new CyclicBarrier(2);
        PluginLanes.Call announcing = () -> together.await(5, TimeUnit.SECONDS);
        lanes.submitExpecting("VI_1", "expecting", announcing, 0, TimeUnit.MILLISECONDS.toNanos(100));
        lanes.submitExpecting("VI_2", "expecting", announcing, 0, TimeUnit.MILLISECONDS.toNanos(100));
        awaitSpun(told, 2);
        Thread.sleep(200);
        assertEquals(1, mostPlaced.get(), "two workers were placed at once: " + told);
        assertEquals(List.of("spinning", "spun"), told);
    }

    @Test
    void aSpinEndsWhenItsTimeIsUpOrTheLanesCloseAndCallsAfterItRun() throws Exception {
        lanes = new PluginLanes("test-lanes", 2, Duration.ofSeconds(10), 4, listener);
        lanes.submitExpecting("VI_1", "expecting", () -> { }, 0, TimeUnit.MILLISECONDS.toNanos(50));
        Thread.sleep(200);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        lanes.submit("VI_1", "add", () -> ran.add("add"));
        lanes.submit("VI_2", "other", () -> ran.add("other"));
        assertTrue(lanes.awaitIdle(5_000));
        assertEquals(2, ran.size(), "a call after the spin was lost: " + ran);
        assertEquals(2, lanes.threads());

        Thread[] spinner = new Thread[1];
        CountDownLatch expected = new CountDownLatch(1);
        lanes.submitExpecting("VI_1", "expecting", () -> {
            spinner[0] = Thread.currentThread();
            expected.countDown();
        }, 0, TimeUnit.SECONDS.toNanos(30));
        assertTrue(expected.await(5, TimeUnit.SECONDS));
        lanes.close();
        spinner[0].join(5_000);
        assertTrue(!spinner[0].isAlive(), "a worker went on spinning after close");
    }

    /** With a wait for help: one thread runs the calls while it keeps up, however many keys they have. */
    @Test
    void oneWorkerRunsCallsThatDoNotPileUp() throws Exception {
        lanes = helping(4, Duration.ofSeconds(10), Duration.ofSeconds(5));
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        for (int k = 0; k < 200; k++) {
            lanes.submit("VI_" + k, "add", () -> ran.add(Thread.currentThread()));
        }
        assertTrue(lanes.awaitIdle(5_000));
        assertEquals(1, ran.size(), "calls ran on " + ran);
        assertEquals(1, lanes.threads());
    }

    /**
     * With a wait for help: a call that hangs holds the other keys for about that wait, then a thread joins
     * for them, and leaves once nothing is ready.
     */
    @Test
    void aHungCallGetsHelpForTheOtherKeysAfterTheWait() throws Exception {
        Duration helpAfter = Duration.ofMillis(100);
        lanes = helping(4, Duration.ofSeconds(30), helpAfter);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hung = new CountDownLatch(1);
        lanes.submit("VI_HUNG", "add", () -> {
            hung.countDown();
            StuckCalls.hangUntil(release);
        });
        assertTrue(hung.await(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        CountDownLatch others = new CountDownLatch(10);
        for (int k = 0; k < 10; k++) {
            lanes.submit("VI_" + k, "add", others::countDown);
        }
        try {
            assertTrue(others.await(5, TimeUnit.SECONDS), "the other keys waited for the hung call");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // the wait for help, then the watchdog's look: seconds would mean no help came
            assertTrue(waited >= helpAfter.toMillis() - 5 && waited < 3_000, "the other keys waited " + waited + " ms");
            awaitTrue(() -> lanes.threads() == 1, "the thread that joined did not leave once nothing was ready");
        } finally {
            release.countDown();
        }
        assertTrue(lanes.awaitIdle(5_000));
        assertEquals(List.of(), timeouts);
    }

    /** With a wait for help: calls that pile up (each slow) get every worker, up to the bound. */
    @Test
    void callsThatPileUpGetEveryWorker() throws Exception {
        lanes = helping(3, Duration.ofSeconds(10), Duration.ofMillis(20));
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        for (int k = 0; k < 60; k++) {
            lanes.submit("VI_" + k, "slow add", () -> {
                ran.add(Thread.currentThread());
                Thread.sleep(10);
            });
        }
        assertTrue(lanes.awaitIdle(10_000));
        assertEquals(3, ran.size(), "calls ran on " + ran);
        awaitTrue(() -> lanes.threads() == 1, "the threads that joined did not leave");
    }

    /** Lanes of one worker that others join once a call has waited {@code helpAfter}. */
    private PluginLanes helping(int workers, Duration timeout, Duration helpAfter) {
        return new PluginLanes("test-lanes", workers, timeout, 4, listener, PluginLanes.Spinning.NOWHERE, helpAfter);
    }

    @Test
    void aHungCallHoldsOnlyItsOwnKeyAndOnlyUntilItsTimeout() throws Exception {
        lanes = new PluginLanes("test-lanes", 2, TIMEOUT, 4, listener);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        // before the submit: the hung call's time limit runs from when a worker takes it, which may come
        // before a clock read after the submit (the next call then "ran after 998 ms" of a 1,000 ms limit)
        long start = System.nanoTime();
        lanes.submit("VI_HUNG", "add 192.0.2.1/24", () -> {
            order.add("hung started");
            StuckCalls.hangUntil(release);
        });
        lanes.submit("VI_HUNG", "remove 192.0.2.1/24", () -> order.add("VI_HUNG next"));
        CountDownLatch others = new CountDownLatch(20);
        for (int k = 0; k < 20; k++) {
            lanes.submit("VI_" + k, "add", () -> {
                order.add("other");
                others.countDown();
            });
        }
        assertTrue(others.await(TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS),
                "other keys waited for the hung one");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < TIMEOUT.toMillis(),
                "other keys waited for the hung one's timeout");
        assertTrue(!order.contains("VI_HUNG next"), "VI_HUNG's next call ran before its hung call ended: " + order);

        assertTrue(lanes.awaitIdle(TIMEOUT.toMillis() * 10), "VI_HUNG's next call never ran");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(order.contains("VI_HUNG next"), order::toString);
        assertTrue(waited >= TIMEOUT.toMillis(), "VI_HUNG's next call ran after " + waited + " ms");
        // the watchdog tells of the timeout outside the lanes' lock, after it handed the lane on: the next
        // call may run, and awaitIdle return, just before the report
        awaitTrue(() -> !timeouts.isEmpty(), "the timeout is reported");
        assertEquals(List.of("VI_HUNG add 192.0.2.1/24"), timeouts, "the timeout is reported once");
        assertEquals(3, lanes.threads(), "two workers and the abandoned one");

        release.countDown();
        awaitTrue(() -> late.equals(List.of("VI_HUNG add 192.0.2.1/24")), "the late return is told");
        awaitTrue(() -> lanes.threads() == 2, "the abandoned thread leaves once its call returns");
    }

    @Test
    void callsThatHangForeverCostAtMostTheBoundOfThreads() throws Exception {
        lanes = new PluginLanes("test-lanes", 2, Duration.ofMillis(50), 3, listener);
        CountDownLatch never = new CountDownLatch(1);
        for (int k = 0; k < 10; k++) {
            lanes.submit("VI_" + k, "add", () -> StuckCalls.hangUntil(never));
        }
        awaitTrue(() -> timeouts.size() == 5, "2 workers and 3 replacements, each abandoned in turn");
        Thread.sleep(300);
        assertEquals(5, timeouts.size(), "no thread was left to start another call: " + timeouts);
        assertTrue(lanes.threads() <= 2 + 3, "threads: " + lanes.threads());
        assertEquals(5, lanes.threads(), "every one of them stuck");

        // a call returning gives its thread back to the lanes: the remaining keys go on
        never.countDown();
        assertTrue(lanes.awaitIdle(5_000), "the remaining keys did not go on");
        awaitTrue(() -> lanes.threads() == 2, "back to the two workers");
    }

    @Test
    void aCallWithAShorterLimitOfItsOwnIsAbandonedAtThatLimitNotTheLanes() throws Exception {
        lanes = new PluginLanes("test-lanes", 2, Duration.ofSeconds(30), 4, listener);
        CountDownLatch release = new CountDownLatch(1);
        // let the watchdog fall asleep for the lanes' own 30 s before the short call comes
        Thread.sleep(50);
        long start = System.nanoTime();
        lanes.submit("VI_SHORT", "announce", () -> StuckCalls.hangUntil(release), Duration.ofMillis(200), listener);
        awaitTrue(() -> timeouts.equals(List.of("VI_SHORT announce")), "the short call was never abandoned");
        long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(after >= 200, "abandoned after " + after + " ms, before its 200 ms");
        assertTrue(after < 5_000, "abandoned after " + after + " ms: the watchdog slept through its limit");
        release.countDown();
    }

    @Test
    void aCallThatStartsWhileTheWatchdogSleepsIsAbandonedAtItsOwnLimit() throws Exception {
        Duration limit = Duration.ofMillis(400);
        lanes = new PluginLanes("test-lanes", 2, limit, 4, listener);
        CountDownLatch release = new CountDownLatch(1);
        // the watchdog sleeps for one limit at a time when nothing is in hand: start the call inside that
        Thread.sleep(limit.toMillis() * 3 / 4);
        long start = System.nanoTime();
        lanes.submit("VI_HUNG", "add", () -> StuckCalls.hangUntil(release));
        awaitTrue(() -> timeouts.equals(List.of("VI_HUNG add")), "the call was never abandoned");
        long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(after >= limit.toMillis(), "abandoned after " + after + " ms, before its limit");
        release.countDown();
    }

    @Test
    void callsThatReturnInTimeDoNotWakeTheWatchdog() throws Exception {
        // a thread's name is cut to 15 characters in /proc: "wakes-watchdog" keeps the lanes' watchdog apart
        lanes = new PluginLanes("wakes", 2, Duration.ofSeconds(30), 4, listener);
        Path watchdog = taskNamed("wakes-watchdog");
        long before = voluntarySwitches(watchdog);
        int calls = 500;
        for (int i = 0; i < calls; i++) {
            lanes.submit("VI_" + (i % 7), "add", () -> { });
            if (i % 50 == 0) {
                assertTrue(lanes.awaitIdle(5_000), "calls did not finish");
            }
        }
        assertTrue(lanes.awaitIdle(5_000), "calls did not finish");
        long woken = voluntarySwitches(watchdog) - before;
        // an alarm per call woke it about once per call; asleep for its 30 s, it wakes not at all
        assertTrue(woken < calls / 10, "the watchdog woke " + woken + " times for " + calls + " calls");
        assertEquals(List.of(), timeouts);
    }

    @Test
    void aKeysNextCallRunsOnTheThreadThatRanTheOneBefore() throws Exception {
        lanes = new PluginLanes("test-lanes", 4, Duration.ofSeconds(10), 4, listener);
        List<String> hops = new CopyOnWriteArrayList<>();
        for (int round = 0; round < 20; round++) {
            String key = "VI_" + round;
            CountDownLatch nextQueued = new CountDownLatch(1);
            Thread[] first = new Thread[1];
            lanes.submit(key, "add", () -> {
                first[0] = Thread.currentThread();
                StuckCalls.hangUntil(nextQueued); // the next call is queued while this one runs, as a GARP behind its add
            });
            lanes.submit(key, "announce", () -> {
                if (Thread.currentThread() != first[0]) {
                    hops.add(first[0].getName() + " -> " + Thread.currentThread().getName());
                }
            });
            nextQueued.countDown();
            assertTrue(lanes.awaitIdle(5_000), "the calls did not finish");
        }
        assertEquals(List.of(), hops, "a key's next call waited for another thread to wake");
    }

    /** The /proc entry of this process's thread called {@code name}. */
    private static Path taskNamed(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path task : tasks) {
                    if (name.equals(commOf(task))) {
                        return task;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no thread " + name);
    }

    /** The thread's name, or null for a thread that ended since the directory was listed. */
    private static String commOf(Path task) throws IOException {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (NoSuchFileException ended) {
            return null;
        }
    }

    private static long voluntarySwitches(Path task) throws Exception {
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new AssertionError("no voluntary_ctxt_switches in " + task);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what);
            }
            Thread.sleep(5);
        }
    }
}
