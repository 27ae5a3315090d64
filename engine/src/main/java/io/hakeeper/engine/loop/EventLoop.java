package io.hakeeper.engine.loop;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns every VRRP instance: it runs due timers and the work other threads hand it,
 * then sleeps until the next deadline. Nothing on it blocks; plugins never run on it (docs/architecture.md).
 */
public final class EventLoop implements Executor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    /** Lateness beyond this is counted and reported: a tenth of the shortest VRRPv3 advert interval. */
    public static final long DEFAULT_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final MonotonicClock clock;
    private final Waiter waiter;
    private final LoopIo io;
    private final LoopCore core;
    private final Thread thread;
    private volatile boolean running = true;
    private long readFailures;

    public EventLoop(String threadName, MonotonicClock clock, Waiter waiter, LatenessTracker lateness) {
        this(threadName, clock, waiter, LoopIo.NONE, lateness);
    }

    /** A loop that also reads {@code io} (sockets woken by {@code waiter}) every time it wakes. */
    public EventLoop(String threadName, MonotonicClock clock, Waiter waiter, LoopIo io, LatenessTracker lateness) {
        this.clock = clock;
        this.waiter = waiter;
        this.io = io;
        this.core = new LoopCore(lateness);
        this.thread = new Thread(this::run, threadName);
    }

    public static EventLoop create() {
        return new EventLoop("hakeeper-loop", MonotonicClock.system(), new ParkingWaiter(),
                new LatenessTracker(DEFAULT_TOLERANCE_NANOS));
    }

    public EventLoop start() {
        thread.start();
        return this;
    }

    /** The loop's core, for code already running on the loop thread (timers, instances). */
    public LoopCore core() {
        return core;
    }

    public MonotonicClock clock() {
        return clock;
    }

    /** Whether the loop thread is still running. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs the task on the loop thread, after the work handed in before it. Any thread. */
    @Override
    public void execute(Runnable task) {
        core.submit(task);
        waiter.wakeup();
    }

    private void run() {
        LOG.debug("event loop started");
        while (running) {
            long now = clock.nanoTime();
            readGuarded(now);
            long next = core.runDue(now);
            if (!running || core.hasPendingTasks()) {
                continue;
            }
            waiter.await(next == Long.MIN_VALUE ? Waiter.NO_DEADLINE : next, clock.nanoTime());
        }
        LOG.debug("event loop stopped");
    }

    /** Socket reads run on the loop too; one that throws is a bug, counted like a throwing task. */
    private void readGuarded(long now) {
        try {
            io.readReady(now);
        } catch (RuntimeException e) {
            readFailures++;
            LOG.error("bug: reading the sockets threw; the loop goes on", e);
        }
    }

    /** Socket reads that threw: each one a bug. Loop thread only. */
    public long readFailures() {
        return readFailures;
    }

    /** Stops the loop after the work in hand and waits for its thread to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        waiter.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
