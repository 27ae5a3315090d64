package io.hakeeper.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.loop.MonotonicClock;
import io.hakeeper.engine.vrrp.TrackedStatus;

/** The runner on real threads and real time, with intervals of tens of milliseconds. */
class CheckRunnerTest {

    private static final String LOOP_THREAD = "test-loop";

    private final ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, LOOP_THREAD));
    private final BlockingQueue<CheckEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger eventsOffLoop = new AtomicInteger();
    private CheckRunner runner;

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        loop.shutdownNow();
    }

    private static RunnableCheck check(String name, long intervalMillis, long timeoutMillis, Check check) {
        return check(name, intervalMillis, timeoutMillis, CheckRunnerTest.class.getClassLoader(), check);
    }

    private static RunnableCheck check(String name, long intervalMillis, long timeoutMillis, ClassLoader loader,
                                       Check check) {
        CheckSchedule schedule = new CheckSchedule(Duration.ofMillis(intervalMillis), Duration.ofMillis(timeoutMillis),
                1, 1, false, Duration.ZERO);
        return new RunnableCheck(TrackKind.SCRIPT, name, schedule, "test-plugin", loader, check);
    }

    private void start(RunnableCheck... checks) {
        runner = CheckRunner.start(List.of(checks), loop, event -> {
            if (!LOOP_THREAD.equals(Thread.currentThread().getName())) {
                eventsOffLoop.incrementAndGet();
            }
            events.add(event);
        }, MonotonicClock.system());
    }

    private CheckStatus status(String name) {
        return runner.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private CheckEvent nextEventOf(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            CheckEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.name().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no event from " + name);
    }

    @Test
    void aHangingCheckIsTimedOutAndReportedDownWhileAnotherKeepsItsSchedule() throws Exception {
        AtomicInteger tickerRuns = new AtomicInteger();
        start(check("hang", 200, 100, () -> {
            Thread.sleep(60_000);
            return CheckResult.up();
        }), check("ticker", 50, 50, () -> {
            tickerRuns.incrementAndGet();
            return CheckResult.up();
        }));

        CheckEvent down = nextEventOf("hang");
        assertEquals(TrackedStatus.DOWN, down.state());
        assertEquals("timed out after 100 ms", down.lastLine());
        Thread.sleep(1000);

        assertTrue(status("hang").timeouts() >= 4, status("hang").toString());
        assertEquals(0, status("hang").overruns(), "an interruptible check is free again before its next run");
        assertTrue(tickerRuns.get() >= 15, "ticker ran " + tickerRuns.get() + " times in over a second");
        assertEquals(0, eventsOffLoop.get(), "events are delivered on the loop");
    }

    @Test
    void aCheckDeafToInterruptionNeverRunsTwiceAtOnce() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        start(check("deaf", 40, 20, () -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ignored) {
                    // a badly behaved plugin: carries on
                }
            }
            inside.decrementAndGet();
            return CheckResult.up();
        }));
        Thread.sleep(1200);

        assertEquals(1, mostInside.get());
        CheckStatus deaf = status("deaf");
        assertTrue(deaf.overruns() > 0, deaf.toString());
        assertTrue(deaf.runs() <= 5, "at most one run per 300 ms: " + deaf);
        assertEquals(TrackedStatus.DOWN, deaf.state());
    }

    @Test
    void aThrowingPluginIsCountedAndReportedWithItsPluginId() throws Exception {
        start(check("thrower", 50, 50, () -> {
            throw new IllegalStateException("boom");
        }));
        CheckEvent down = nextEventOf("thrower");
        assertEquals(TrackedStatus.DOWN, down.state());
        assertTrue(down.lastLine().contains("plugin test-plugin threw") && down.lastLine().contains("boom"),
                down.lastLine());
        Thread.sleep(200);
        CheckStatus status = status("thrower");
        assertTrue(status.errors() >= 2, status.toString());
        assertEquals(status.errors(), status.failures(), status.toString());
    }

    @Test
    void pluginCodeRunsOnANamedWorkerWithThePluginsClassLoader() throws Exception {
        AtomicReference<ClassLoader> seenLoader = new AtomicReference<>();
        AtomicReference<String> seenThread = new AtomicReference<>();
        try (URLClassLoader pluginLoader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            start(check("ctx", 1000, 500, pluginLoader, () -> {
                seenLoader.set(Thread.currentThread().getContextClassLoader());
                seenThread.set(Thread.currentThread().getName());
                return CheckResult.up("fine");
            }));
            CheckEvent up = nextEventOf("ctx");
            assertEquals(new CheckEvent(TrackKind.SCRIPT, "ctx", TrackedStatus.UP, 0, "fine"), up);
            assertSame(pluginLoader, seenLoader.get());
            assertNotNull(seenThread.get());
            assertTrue(seenThread.get().startsWith("hakeeper-check-"), seenThread.get());
        }
    }

    @Test
    void valueChecksReportTheirValueAndOnlyChangesAreDelivered() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        start(check("file", 30, 30, () -> CheckResult.value(runs.incrementAndGet() < 4 ? -5 : 7)));
        assertEquals(-5, nextEventOf("file").value());
        assertEquals(7, nextEventOf("file").value());
        Thread.sleep(200);
        assertTrue(events.stream().noneMatch(e -> e.name().equals("file")), "no event while the value stays 7");
    }
}
