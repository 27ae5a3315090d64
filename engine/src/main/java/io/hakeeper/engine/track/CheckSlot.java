package io.hakeeper.engine.track;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.CheckResult;
import io.hakeeper.engine.loop.MonotonicClock;
import io.hakeeper.engine.plugin.PluginCalls;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * One check's runs, one at a time. A run starts on a worker when due; it ends when the plugin returns or
 * when its timeout fires first, whichever comes first: the other is then ignored (a generation number tells
 * which run a late answer belongs to). The next run is due one interval after the start of this one. A run
 * that is due while the previous one is still inside the plugin (timed out, but deaf to the interrupt) is
 * not started: it counts as a failure and an overrun, so a check never runs twice at once.
 */
final class CheckSlot {

    private static final Logger LOG = LoggerFactory.getLogger(CheckSlot.class);

    private final RunnableCheck check;
    private final CheckTracker tracker;
    private final MonotonicClock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Consumer<CheckEvent> publish;

    // All below guarded by this.
    private long generation;
    private boolean inPlugin;
    private boolean answered;
    private boolean closed;
    private long startedAt;
    private Future<?> work;
    private ScheduledFuture<?> deadline;
    private String lastLine = "";
    private long runs;
    private long failures;
    private long timeouts;
    private long errors;
    private long overruns;

    CheckSlot(RunnableCheck check, MonotonicClock clock, ScheduledExecutorService timer, ExecutorService workers,
              Consumer<CheckEvent> publish) {
        this.check = check;
        CheckSchedule schedule = check.schedule();
        this.tracker = new CheckTracker(schedule.rise(), schedule.fall(), schedule.initFail(), schedule.settle());
        this.clock = clock;
        this.timer = timer;
        this.workers = workers;
        this.publish = publish;
    }

    RunnableCheck check() {
        return check;
    }

    /** On the timer thread: start a run, or count an overrun. */
    synchronized void tick() {
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        if (inPlugin) {
            overruns++;
            take(CheckResult.down("previous run still busy after its timeout"), now);
            timer.schedule(this::tick, check.schedule().interval().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        long run = ++generation;
        inPlugin = true;
        answered = false;
        startedAt = now;
        runs++;
        work = workers.submit(() -> execute(run));
        deadline = timer.schedule(() -> expire(run), check.schedule().timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** On a worker: call the plugin with its class loader current, and report what came of it. */
    private void execute(long run) {
        CheckResult result;
        boolean threw = false;
        try {
            result = PluginCalls.withContextLoaderChecked(check.classLoader(), check.check()::run);
            if (result == null) {
                threw = true;
                result = CheckResult.down("plugin " + check.pluginId() + " returned no result");
            }
        } catch (InterruptedException e) {
            result = null; // interrupted at its timeout, which expire() has already counted
        } catch (Exception | LinkageError e) {
            threw = true;
            result = CheckResult.down("plugin " + check.pluginId() + " threw " + e);
            LOG.warn("{} {}: plugin {} threw", check.kind().key(), check.name(), check.pluginId(), e);
        } finally {
            synchronized (this) {
                inPlugin = false;
            }
        }
        if (result != null) {
            answer(run, result, threw);
        }
    }

    private synchronized void answer(long run, CheckResult result, boolean threw) {
        if (run != generation || answered || closed) {
            return;
        }
        answered = true;
        deadline.cancel(false);
        if (threw) {
            errors++;
        }
        take(result, clock.nanoTime());
        scheduleNext();
    }

    /** On the timer thread: the run took too long; interrupt it and count it as failed. */
    private synchronized void expire(long run) {
        if (run != generation || answered || closed) {
            return;
        }
        answered = true;
        timeouts++;
        work.cancel(true);
        take(CheckResult.down("timed out after " + check.schedule().timeout().toMillis() + " ms"), clock.nanoTime());
        scheduleNext();
    }

    private void scheduleNext() {
        long due = startedAt + check.schedule().interval().toNanos();
        timer.schedule(this::tick, Math.max(0, due - clock.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void take(CheckResult result, long now) {
        if (result instanceof CheckResult.Down down) {
            failures++;
            lastLine = down.reason();
        } else if (result instanceof CheckResult.Up up) {
            lastLine = up.detail();
        } else {
            lastLine = "";
        }
        TrackedStatus before = tracker.state();
        if (tracker.record(result, now)) {
            if (before != tracker.state()) {
                LOG.info("{} {}: {} -> {}{}", check.kind().key(), check.name(), before, tracker.state(),
                        lastLine.isEmpty() ? "" : " (" + lastLine + ")");
            }
            publish.accept(new CheckEvent(check.kind(), check.name(), tracker.state(), tracker.value(), lastLine));
        }
    }

    synchronized CheckStatus status() {
        return new CheckStatus(check.kind(), check.name(), check.pluginId(), tracker.state(), tracker.value(), lastLine,
                runs, failures, timeouts, errors, overruns);
    }

    synchronized void close() {
        closed = true;
    }
}
