package io.hakeeper.engine.track;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.loop.MonotonicClock;
import io.hakeeper.engine.plugin.PluginCalls;

/**
 * Runs every configured check off the event loop and hands what changed back to it.
 *
 * <p>Two kinds of thread, one role each: one timer thread ({@code hakeeper-check-timer}) that starts runs
 * and enforces timeouts and never calls plugin code, and worker threads ({@code hakeeper-check-N}) that
 * call the plugins, at most one per check at a time. A check whose plugin ignores interruption keeps its
 * worker busy but holds back nothing else. Events go to the loop through {@code loop.execute}, in the order
 * each check's results were taken; the listener runs on the loop thread.
 *
 * <p>Every check runs once at start, then every interval. Close the runner to stop: running checks are
 * interrupted and every check is closed.
 */
public final class CheckRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final List<CheckSlot> slots;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    private CheckRunner(List<RunnableCheck> checks, Executor loop, Consumer<CheckEvent> listener,
                        MonotonicClock clock) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, named("hakeeper-check-timer", false));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        this.workers = Executors.newCachedThreadPool(named("hakeeper-check-", true));
        Consumer<CheckEvent> publish = event -> loop.execute(() -> listener.accept(event));
        this.slots = checks.stream().map(check -> new CheckSlot(check, clock, timer, workers, publish)).toList();
    }

    /**
     * Starts running the checks.
     *
     * @param loop     where events are delivered: the event loop's {@code execute}
     * @param listener called on the loop with each change of a check's state or value
     */
    public static CheckRunner start(List<RunnableCheck> checks, Executor loop, Consumer<CheckEvent> listener,
                                    MonotonicClock clock) {
        CheckRunner runner = new CheckRunner(checks, loop, listener, clock);
        runner.slots.forEach(slot -> runner.timer.execute(slot::tick));
        return runner;
    }

    /** Every check's state and counters now, in configuration order. Any thread. */
    public List<CheckStatus> status() {
        return slots.stream().map(CheckSlot::status).toList();
    }

    @Override
    public void close() throws InterruptedException {
        slots.forEach(CheckSlot::close);
        timer.shutdownNow();
        workers.shutdownNow();
        if (!workers.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            LOG.warn("checks still running {} ms after they were interrupted; closing them anyway", CLOSE_WAIT_MILLIS);
        }
        for (CheckSlot slot : slots) {
            RunnableCheck check = slot.check();
            try {
                PluginCalls.withContextLoaderChecked(check.classLoader(), () -> {
                    check.check().close();
                    return null;
                });
            } catch (Exception e) {
                LOG.warn("{} {}: plugin {} failed to close it", check.kind().key(), check.name(), check.pluginId(), e);
            }
        }
    }

    private static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, numbered ? name + count.incrementAndGet() : name);
            // a check that never returns must not keep the daemon from exiting
            thread.setDaemon(true);
            return thread;
        };
    }
}
