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
    /**
     * How long before its deadline a timer that wants it gets its heads-up: longer than a sleeping thread
     * of this host takes to wake (0.15-0.85 ms measured on an idle 2-vCPU virtual machine), then makes ready
     * what the deadline will need (0.4-1 ms the first time), and the JIT compiles what that ran (its thread
     * took the CPU at the deadline with a 3 ms lead), so that all this is done when the deadline comes. A
     * backup's deadline is Master_Down_Interval after its master's last advert, three advert intervals and
     * more: at VRRPv3's shortest interval (10 ms) a backup hearing its master is always 20 ms or more from
     * it, and gets no heads-up.
     */
    public static final long HEADS_UP_LEAD_NANOS = 8_000_000;
    /**
     * How long before its deadline a timer that wants it gets the loop's warm-up ({@link #onWarmUp}): long
     * enough for a pass over the process's memory (12-22 ms of one CPU on this project's 2-vCPU benchmark
     * machine, cold) to end well before the deadline's heads-up, even on a busy host.
     */
    public static final long WARM_UP_LEAD_NANOS = 150_000_000;

    private final TimerQueue timers = new TimerQueue();
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final LatenessTracker lateness;
    private long failures;
    private Runnable warmUp = () -> {
    };

    public LoopCore(LatenessTracker lateness) {
        this.lateness = lateness;
    }

    /**
     * What to run {@link #WARM_UP_LEAD_NANOS} before the deadline of a timer that wants it
     * ({@link Timer#wantWarmUp}): one action for every timer, as what it warms is the process's. Only the
     * timer at the front of the queue gets it, as for the heads-up. Set before the loop runs.
     */
    public void onWarmUp(Runnable action) {
        warmUp = action;
    }

    /** A new, disarmed timer. Loop thread only. */
    public Timer newTimer(String name, Runnable action) {
        return new Timer(name, action, null);
    }

    /**
     * A new, disarmed timer that, for each deadline it is armed with {@link Timer#wantHeadsUp}, runs
     * {@code headsUp} {@link #HEADS_UP_LEAD_NANOS} before it (or at once, for a deadline nearer than that),
     * once, unless the deadline moves first. Only the timer at the front of the queue gets its heads-up,
     * so that it costs the loop no wake-up for the timers behind it: one that comes to the front later gets
     * what lead is left. Loop thread only.
     */
    public Timer newTimer(String name, Runnable action, Runnable headsUp) {
        return new Timer(name, action, headsUp);
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
     * Runs every task handed in so far, then every timer due at {@code now}, in deadline order, then the
     * front timer's heads-up if it is due.
     *
     * @return when to run again: the next timer deadline or heads-up, or {@link Long#MIN_VALUE} when no
     *         timer is armed
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
        Timer front = timers.peek();
        if (front == null) {
            return Timer.DISARMED;
        }
        if (front.warmUpWanted && !front.warmUpGiven) {
            long warmUpAt = front.deadline - WARM_UP_LEAD_NANOS;
            if (warmUpAt > now) {
                return warmUpAt;
            }
            front.warmUpGiven = true;
            runGuarded(warmUp, front, "warm-up");
            front = timers.peek();
            if (front == null) {
                return Timer.DISARMED;
            }
        }
        if (front.headsUpWanted && !front.headsUpGiven) {
            long headsUpAt = front.deadline - HEADS_UP_LEAD_NANOS;
            if (headsUpAt > now) {
                return headsUpAt;
            }
            front.headsUpGiven = true;
            runGuarded(front.headsUp(), front, "heads-up");
            // the heads-up may have moved timers, though it is not meant to
            return timers.earliestDeadline();
        }
        return front.deadline;
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

    /** As above for a timer's heads-up or warm-up, named only if it throws: building the name cost 0.3-0.7 ms the first time. */
    private void runGuarded(Runnable headsUp, Timer of, String which) {
        try {
            headsUp.run();
        } catch (RuntimeException | AssertionError e) {
            failures++;
            LOG.error("bug: the {} of {} threw on the event loop; the loop goes on", which, of.name(), e);
        }
    }
}
