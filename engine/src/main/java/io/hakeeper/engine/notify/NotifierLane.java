package io.hakeeper.engine.notify;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.Transition;
import io.hakeeper.engine.plugin.PluginCalls;

/**
 * One notifier and the single thread that calls it: transitions are queued in the order they are offered
 * and delivered one at a time, which is the whole of the ordering guarantee (a notifier is never called
 * twice at once, and sees each subject's transitions in order).
 *
 * <p>Each call runs with the plugin's class loader as context loader and is watched: at the call timeout
 * the thread is interrupted, the call counted as timed out, and the next transition delivered. A notifier
 * that ignores the interrupt holds only its own lane; every other notifier and the event loop go on. The
 * thread exists only while there is work (it ends after a minute idle), so idle notifiers cost nothing.
 */
final class NotifierLane {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierLane.class);

    private final NotifierSpec spec;
    private final String pluginId;
    private final ClassLoader loader;
    private final Notifier notifier;
    private final ScheduledExecutorService watchdog;
    private final long timeoutNanos;
    private final ThreadPoolExecutor thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable closeTask = this::closeNotifier;

    NotifierLane(NotifierSpec spec, String pluginId, ClassLoader loader, Notifier notifier,
                 ScheduledExecutorService watchdog, DeliveryLimits limits) {
        this.spec = spec;
        this.pluginId = pluginId;
        this.loader = loader;
        this.notifier = notifier;
        this.watchdog = watchdog;
        this.timeoutNanos = limits.callTimeout().toNanos();
        String threadName = "hakeeper-notify-" + spec.type() + "-" + spec.contextName();
        this.thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(limits.queueCapacity()),
                task -> {
                    Thread t = new Thread(task, threadName);
                    t.setDaemon(true);
                    return t;
                });
        this.thread.allowCoreThreadTimeOut(true);
    }

    NotifierSpec spec() {
        return spec;
    }

    /** Queues a transition without blocking; a full queue or a closed lane drops it and counts. */
    void offer(Transition transition) {
        try {
            thread.execute(() -> deliver(transition));
        } catch (RejectedExecutionException full) {
            dropped.incrementAndGet();
            LOG.warn("notifier {} ({}) for {}: dropped {} {} -> {}: {}", spec.type(), pluginId, spec.contextName(),
                    transition.name(), transition.from(), transition.to(),
                    thread.isShutdown() ? "notifications are closed" : "too many transitions waiting");
        }
    }

    private void deliver(Transition transition) {
        WatchedCall call = new WatchedCall(Thread.currentThread());
        ScheduledFuture<?> alarm = watchdog.schedule(call::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        try {
            PluginCalls.withContextLoaderChecked(loader, () -> {
                notifier.notify(transition);
                return null;
            });
            if (call.finish()) {
                delivered.incrementAndGet();
            } else {
                timedOut(transition);
            }
        } catch (Exception | LinkageError e) {
            if (call.finish()) {
                failed.incrementAndGet();
                LOG.warn("notifier {} ({}) for {} failed on {} {} -> {}: {}", spec.type(), pluginId, spec.contextName(),
                        transition.name(), transition.from(), transition.to(), e.toString());
            } else {
                timedOut(transition);
            }
        } finally {
            alarm.cancel(false);
            // The watchdog interrupts only inside WatchedCall's lock, so after finish() no interrupt is in
            // flight; clear one that landed after the notifier returned, before the next transition.
            Thread.interrupted();
        }
    }

    private void timedOut(Transition transition) {
        timedOut.incrementAndGet();
        LOG.warn("notifier {} ({}) for {} timed out after {} ms on {} {} -> {}; going on with the next transition",
                spec.type(), pluginId, spec.contextName(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos),
                transition.name(), transition.from(), transition.to());
    }

    /** Queues the notifier's close() after everything already queued and accepts nothing more. */
    void finish() {
        try {
            thread.execute(closeTask);
        } catch (RejectedExecutionException full) {
            LOG.warn("notifier {} ({}) for {}: queue full at shutdown; it is closed without its pending transitions",
                    spec.type(), pluginId, spec.contextName());
        }
        thread.shutdown();
    }

    /** Waits for the queue to drain; false when the time ran out. */
    boolean awaitFinished(long nanos) throws InterruptedException {
        return thread.awaitTermination(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Interrupts what runs (the script notifier kills its command's process tree when interrupted) and
     * counts what never ran. The notifier is not closed from here: its own thread may still be inside it.
     */
    void abandon() {
        long abandoned = thread.shutdownNow().stream().filter(task -> task != closeTask).count();
        dropped.addAndGet(abandoned);
        LOG.warn("notifier {} ({}) for {} did not finish within the shutdown bound; {} transitions abandoned",
                spec.type(), pluginId, spec.contextName(), abandoned);
    }

    private void closeNotifier() {
        try {
            PluginCalls.withContextLoaderChecked(loader, () -> {
                notifier.close();
                return null;
            });
        } catch (Exception | LinkageError e) {
            LOG.warn("notifier {} ({}) for {}: close failed: {}", spec.type(), pluginId, spec.contextName(), e.toString());
        }
    }

    NotifierStats stats() {
        return new NotifierStats(spec.type(), pluginId, spec.contextName(), delivered.get(), failed.get(),
                timedOut.get(), dropped.get());
    }

    /**
     * One call under the watchdog. Expiry and finishing are decided under one lock, and the interrupt is
     * sent inside it, so a call that finished is never interrupted afterwards.
     */
    private static final class WatchedCall {
        private final Thread worker;
        private boolean done;
        private boolean expired;

        WatchedCall(Thread worker) {
            this.worker = worker;
        }

        synchronized void expire() {
            if (!done) {
                expired = true;
                worker.interrupt();
            }
        }

        /** Marks the call finished; false when it had already expired. */
        synchronized boolean finish() {
            done = true;
            return !expired;
        }
    }
}
