package io.hakeeper.engine.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The loop on a real thread and the real clock: work handed in runs there, timers wake it. */
class EventLoopTest {

    @Test
    void workHandedInRunsOnTheLoopThread() throws Exception {
        try (EventLoop loop = EventLoop.create().start()) {
            CompletableFuture<String> threadName = new CompletableFuture<>();
            loop.execute(() -> threadName.complete(Thread.currentThread().getName()));
            assertEquals("hakeeper-loop", threadName.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anArmedTimerWakesTheSleepingLoop() throws Exception {
        try (EventLoop loop = EventLoop.create().start()) {
            CountDownLatch fired = new CountDownLatch(1);
            loop.execute(() -> {
                LoopCore core = loop.core();
                core.schedule(core.newTimer("soon", fired::countDown),
                        loop.clock().nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
            });
            assertTrue(fired.await(5, TimeUnit.SECONDS), "the timer never fired");
        }
    }

    @Test
    void closeStopsTheThread() throws Exception {
        EventLoop loop = EventLoop.create().start();
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(ran::countDown);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertTrue(loop.isAlive());
        loop.close();
        assertFalse(loop.isAlive(), "the loop thread outlived close()");
    }
}
