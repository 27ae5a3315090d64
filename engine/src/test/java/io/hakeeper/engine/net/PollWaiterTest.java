package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
        waiter.await(TimeUnit.MILLISECONDS.toNanos(50));
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
        waiter.await(-1);

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        waker.join();
    }

    @Test
    void aWakeupBeforeAwaitEndsTheNextAwaitOnceOnly() {
        waiter.wakeup();
        waiter.wakeup();

        long start = System.nanoTime();
        waiter.await(TimeUnit.SECONDS.toNanos(5));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a pending wakeup was lost");

        start = System.nanoTime();
        waiter.await(TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "the wakeups were not drained");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
