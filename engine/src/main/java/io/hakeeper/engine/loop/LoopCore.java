package io.hakeeper.engine.loop;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop's deterministic heart, without a thread or a clock of its own: timers, and tasks handed
 * in by other threads (packet receivers, plugin results, the control server), run one at a time in the
 * order they became due. {@link EventLoop} drives it on a thread with the real clock; tests drive it on
 * virtual time.
 *
 * <p>A task or timer that throws is a bug in hakeeper: it is logged and counted, and the loop goes on, so
 * that one broken instance cannot stop the elections of all the others.
 */
public final class LoopCore {

    private static final Logger LOG = LoggerFactory.getLogger(LoopCore.class);

    private final TimerQueue timers = new TimerQueue();
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final LatenessTracker lateness;
    private long failures;

    public LoopCore(LatenessTracker lateness) {
        this.lateness = lateness;
    }

    /** A new, disarmed timer. Loop thread only. */
    public Timer newTimer(String name, Runnable action) {
        return new Timer(name, action);
    }

    /** Arms (or re-arms) a timer for a monotonic deadline. Loop thread only. */
    public void schedule(Timer timer, long deadlineNanos) {
        timers.schedule(timer, deadlineNanos);
    }

    /**
     * Moves an armed timer's deadline later, lazily: the timer is moved in the queue only when it comes to
     * the front, so a deadline pushed back at every packet costs a field write per packet, and the loop
     * neither wakes nor runs the timer for the deadline it had. An earlier deadline, or a disarmed timer,
     * is scheduled as by {@link #schedule}. Loop thread only.
     */
    public void postpone(Timer timer, long deadlineNanos) {
        timers.postpone(timer, deadlineNanos);
    }

    /** Disarms a timer; harmless when it is not armed. Loop thread only. */
    public void cancel(Timer timer) {
        timers.cancel(timer);
    }

    /** Hands a task to the loop. Any thread. */
    public void submit(Runnable task) {
        inbox.add(task);
    }

    /**
     * Runs every task handed in so far, then every timer due at {@code now}, in deadline order.
     *
     * @return the next timer deadline, or {@link Long#MIN_VALUE} when no timer is armed
     */
    public long runDue(long now) {
        for (Runnable task = inbox.poll(); task != null; task = inbox.poll()) {
            runGuarded(task, "task");
        }
        while (!timers.isEmpty() && timers.earliestDeadline() <= now) {
            Timer timer = timers.poll();
            lateness.record(timer, timer.deadline, now);
            runGuarded(timer.action(), timer.name());
        }
        return timers.earliestDeadline();
    }

    /** Whether tasks wait to be run. */
    public boolean hasPendingTasks() {
        return !inbox.isEmpty();
    }

    public LatenessTracker lateness() {
        return lateness;
    }

    /** Tasks and timers that threw: each one a bug. */
    public long failures() {
        return failures;
    }

    private void runGuarded(Runnable work, String what) {
        try {
            work.run();
        } catch (RuntimeException | AssertionError e) {
            failures++;
            LOG.error("bug: {} threw on the event loop; the loop goes on", what, e);
        }
    }
}
