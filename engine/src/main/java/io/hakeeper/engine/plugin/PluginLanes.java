package io.hakeeper.engine.plugin;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugin calls of many keys (instances) on a few threads: each key's calls run one at a time, in the order
 * they were submitted; different keys run side by side; and no call holds its key longer than its timeout.
 * A thread per key would do the same at the cost of a thousand threads on a host with a thousand instances.
 *
 * <p>A call that overstays its timeout is interrupted and abandoned: plugin code cannot be stopped from
 * outside, so its thread stays with it, a new worker takes its place, and the key's next call runs on
 * another worker. When the abandoned call returns at last, its thread leaves (or rejoins the workers if
 * they are short) and the listener hears of it: the call's effect landed after later calls of its key,
 * which the caller may have to put right. At most {@code maxAbandoned} threads are abandoned at once; past
 * that no replacement is made, so a plugin that hangs every call costs a bounded number of threads, and
 * the keys go on as far as the remaining workers can take them.
 *
 * <p>With a wait for help (VIP backends), one worker runs the calls while it keeps up, and the watchdog adds
 * another, up to the bound, once a ready lane has waited that long; a worker that finds nothing ready
 * leaves, down to one. A short call each for many keys (a burst of takeovers) then runs on one thread,
 * not on several that take turns on a small host's CPUs and wake one another.
 *
 * <p>{@link #close} abandons the calls in hand the same way: each is interrupted (a plugin that waits
 * interruptibly gives up there, before its effect), and one that returns after all is reported to the
 * listener as late, so that whoever took over from the closed lanes can put its effect right.
 *
 * <p>One watchdog thread keeps the time limits without being told of each call: it wakes when the oldest
 * call in hand runs out of time, or after the shortest timeout when none is in hand, and looks at the
 * calls in hand then (at most one per worker). A call that starts while it sleeps ends its limit after
 * that wake-up, so nothing is missed; and a call costs no alarm of its own (a scheduled alarm per call
 * woke the watchdog's thread at every call, one more thread to run per plugin call on a busy host).
 */
public final class PluginLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLanes.class);

    /** One plugin call; it handles the plugin's exceptions itself. */
    public interface Call {
        void run() throws Exception;
    }

    /**
     * Told on a worker's own thread when it is about to spin ({@link #submitExpecting}), and when it goes
     * back to sleep after spinning and running what came meanwhile. Must return at once.
     */
    public interface Spinning {
        Spinning NOWHERE = new Spinning() {
            @Override
            public void spinning() {
            }

            @Override
            public void spun() {
            }
        };

        void spinning();

        void spun();
    }

    /** Told of overstaying calls; called on the lanes' own threads, and must return at once. */
    public interface Listener {
        /** The call {@code what} of {@code key} ran out of time; the key's next call goes on. */
        void timedOut(String key, String what, Duration after);

        /** An abandoned call returned (or threw) after all. */
        default void finishedLate(String key, String what) {
        }
    }

    /**
     * Calls of one key a thread runs in a row before the key goes back to the ready queue, so that one busy
     * key cannot keep a worker from the others for long.
     */
    private static final int MAX_STREAK = 16;
    /** What {@link #run} returns when its thread leaves the lanes. */
    private static final Job LEAVE = new Job("leave", () -> { }, 0, null, Long.MIN_VALUE, Long.MIN_VALUE);
    /**
     * {@link #rehearseSpin}'s turns: twice the calls after which C1 compiles a method (200), as scaled by
     * -XX:CompileThresholdScaling=5; the daemon's launcher scales by 2, which these turns cover too.
     */
    private static final int SPIN_REHEARSAL_TURNS = 2 * 5 * 200 + 1;
    /** A job's spin deadline when its worker does not spin after it. */
    private static final long NO_SPIN = Long.MIN_VALUE;
    /** {@link #helpAfterNanos} when every worker runs from the start. */
    private static final long NO_HELP = 0;

    private final String name;
    private final int workers;
    /**
     * When set (not {@link #NO_HELP}): one worker runs the calls, and another joins only once a lane has
     * waited this long for one ({@link #PluginLanes(String, int, Duration, int, Listener, Spinning,
     * Duration)}); a worker that finds nothing ready leaves, down to one.
     */
    private final long helpAfterNanos;
    private final int maxAbandoned;
    private final long timeoutNanos;
    private final Listener listener;
    private final Spinning spinning;
    private final Thread watchdog;
    /** What the watchdog sleeps on; only {@link #close} wakes it early. */
    private final Object watchdogSleep = new Object();
    private final LinkedBlockingQueue<Lane> ready = new LinkedBlockingQueue<>();
    /** Guards every field below and every lane's state. */
    private final Object lock = new Object();
    private final Map<String, Lane> lanes = new HashMap<>();
    private int liveWorkers;
    private int abandoned;
    private int threadsMade;
    /** The calls running on a worker and not yet abandoned. */
    private final Set<Job> inHand = new HashSet<>();
    /** The thread whose submissions wake no worker until it calls {@link #wakeHeld}; null when none. */
    private Thread holder;
    /** The lanes its submissions made ready, in order. */
    private final List<Lane> held = new ArrayList<>();
    /** The worker waiting for an expected call spinning ({@link #submitExpecting}), or null. */
    private Thread spinner;
    /**
     * The worker told it spins ({@link Spinning}) and not yet told it is done, or null: one at a time, so
     * that a placement's state is never used by two threads. Set under the lock; cleared by its owner.
     */
    private volatile Thread placed;
    /** A lane made ready while a worker spins, handed to it without a wake-up; read by it without the lock. */
    private volatile Lane handedOver;
    /** The shortest time limit of any call submitted: the longest the watchdog sleeps. */
    private long shortestTimeoutNanos;
    /** When the watchdog wakes next ({@link System#nanoTime}); written under the lock. */
    private long watchdogWakesNanos;
    private volatile boolean closed;

    /** The calls waiting for, or holding, one key. */
    private static final class Lane {
        final String key;
        final ArrayDeque<Job> jobs = new ArrayDeque<>();
        /** In {@link #ready} or running a job: no other worker may take it. */
        boolean busy;
        /** When it last went into {@link #ready} ({@link System#nanoTime}). */
        volatile long readySinceNanos;

        Lane(String key) {
            this.key = key;
        }
    }

    private static final class Job {
        final String what;
        final Call call;
        final long timeoutNanos;
        final Listener listener;
        /**
         * From and until when its worker spins for the next calls after it ({@link System#nanoTime}), asleep
         * before; NO_SPIN when it does not.
         */
        final long spinFromNanos;
        final long spinUntilNanos;
        Lane lane;
        Thread worker;
        /** When its worker took it ({@link System#nanoTime}); its limit runs from then. */
        long startedNanos;
        boolean done;
        boolean abandoned;

        Job(String what, Call call, long timeoutNanos, Listener listener, long spinFromNanos, long spinUntilNanos) {
            this.what = what;
            this.call = call;
            this.timeoutNanos = timeoutNanos;
            this.listener = listener;
            this.spinFromNanos = spinFromNanos;
            this.spinUntilNanos = spinUntilNanos;
        }
    }

    /**
     * @param name         the threads' name prefix ({@code hakeeper-vip})
     * @param workers      threads that run calls
     * @param timeout      how long one call may hold its key
     * @param maxAbandoned threads that may be left inside overstaying calls at once
     */
    public PluginLanes(String name, int workers, Duration timeout, int maxAbandoned, Listener listener) {
        this(name, workers, timeout, maxAbandoned, listener, Spinning.NOWHERE);
    }

    /** As above, with {@code spinning} told when a worker starts and stops spinning. */
    public PluginLanes(String name, int workers, Duration timeout, int maxAbandoned, Listener listener,
                       Spinning spinning) {
        this(name, workers, timeout, maxAbandoned, listener, spinning, null);
    }

    /**
     * As above, with one worker running the calls while it keeps up: another (up to {@code workers}) joins
     * once a lane has waited {@code helpAfter} for a worker, and leaves when it finds nothing ready. A call
     * that hangs then holds the other keys for about {@code helpAfter} rather than not at all, slow calls (a process per call) still get every worker when they pile up, and a
     * burst of short ones (1,000 new masters' adds and gratuitous ARPs) runs on one thread instead of
     * several that take turns on a small host's CPUs and wake one another: on two CPUs, one thread took the
     * 1,000 masters' burst in 46-52 ms where four took 62-81. Null: every worker from the start.
     */
    public PluginLanes(String name, int workers, Duration timeout, int maxAbandoned, Listener listener,
                       Spinning spinning, Duration helpAfter) {
        if (workers < 1 || maxAbandoned < 0 || timeout.isNegative() || timeout.isZero()
                || helpAfter != null && (helpAfter.isNegative() || helpAfter.isZero())) {
            throw new IllegalArgumentException("at least one worker, a positive timeout and wait for help");
        }
        this.name = name;
        this.workers = workers;
        this.helpAfterNanos = helpAfter == null ? NO_HELP : helpAfter.toNanos();
        this.watchdogWakesNanos = System.nanoTime(); // until the watchdog's first look, which sets it
        this.maxAbandoned = maxAbandoned;
        this.timeoutNanos = timeout.toNanos();
        this.listener = listener;
        this.spinning = spinning;
        this.shortestTimeoutNanos = timeoutNanos;
        this.watchdog = new Thread(this::watch, name + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        synchronized (lock) {
            for (int i = 0; i < (helpAfterNanos == NO_HELP ? workers : 1); i++) {
                startWorker();
            }
        }
    }

    /** Queues {@code call} behind the calls of {@code key} submitted before it; never blocks. */
    public void submit(String key, String what, Call call) {
        submit(key, what, call, timeoutNanos, listener, NO_SPIN, NO_SPIN);
    }

    /**
     * As {@link #submit(String, String, Call)}, for a call of another plugin than these lanes' own: it is
     * held to {@code timeout} and its overstay told to {@code callListener}, as that plugin's own lanes would.
     * It saves a hop to another thread for a call that must follow this key's calls at once.
     */
    public void submit(String key, String what, Call call, Duration timeout, Listener callListener) {
        submit(key, what, call, timeout.toNanos(), callListener, NO_SPIN, NO_SPIN);
    }

    private void submit(String key, String what, Call call, long callTimeoutNanos, Listener callListener,
                        long spinFromNanos, long spinUntilNanos) {
        synchronized (lock) {
            if (closed) {
                LOG.warn("{}: {} for {} dropped: shutting down", name, what, key);
                return;
            }
            if (callTimeoutNanos < shortestTimeoutNanos) {
                // the watchdog may be asleep for the longer limit: once per new shortest limit, wake it
                shortestTimeoutNanos = callTimeoutNanos;
                synchronized (watchdogSleep) {
                    watchdogSleep.notifyAll();
                }
            }
            Lane lane = lanes.computeIfAbsent(key, Lane::new);
            lane.jobs.add(new Job(what, call, callTimeoutNanos, callListener, spinFromNanos, spinUntilNanos));
            if (!lane.busy) {
                lane.busy = true;
                if (holder == Thread.currentThread() && !canHandOver()) {
                    held.add(lane);
                } else {
                    makeReady(lane);
                }
            }
        }
    }

    /**
     * As {@link #submit(String, String, Call)}, for a call that announces others soon (a backup about to take
     * over tells the VIP backend of the adds it may make): the worker that runs it then waits for the next
     * calls, asleep until {@code spinFromNanos} from now and spinning from then until {@code spinUntilNanos}
     * from now, so that it starts them the moment they are submitted. A worker woken when they come starts
     * them only after the wake-up of a sleeping thread, 0.15-0.85 ms on an idle virtual machine, and the
     * first gratuitous ARP waits for it. The spin ends when a call comes or the time is up, whichever first:
     * a wrong guess costs one thread's CPU for that long, and the sleep before keeps it short, for on a host
     * of two a spinning thread holds half of it (a takeover's spin of 9 ms made the departing master's
     * exit, beside it, delay its successor's graceful takeover). One worker spins at a time, and it is the
     * one that ran the announcing call, not another woken beside it.
     */
    public void submitExpecting(String key, String what, Call call, long spinFromNanos, long spinUntilNanos) {
        long now = System.nanoTime();
        submit(key, what, call, timeoutNanos, listener, now + spinFromNanos, now + spinUntilNanos);
    }

    /**
     * Whether a worker spins with nothing in hand: a lane made ready goes to it without a wake-up, so
     * neither is held back ({@link #holdWakeups}). Under the lock.
     */
    private boolean canHandOver() {
        return spinner != null && handedOver == null;
    }

    /** To the spinning worker if one waits with nothing in hand, else to any. Under the lock. */
    private void makeReady(Lane lane) {
        if (canHandOver()) {
            handedOver = lane;
            LockSupport.unpark(spinner); // asleep until its spin begins, or a permit it ignores
        } else {
            enqueue(lane);
        }
    }

    /**
     * The wait of a worker that ran an announcing call: the lane handed to it, or null when the time is up,
     * the lanes close, or another worker spins already. Lanes another worker leaves ready on the way wake a
     * sleeping worker, as ever: the spin is for what is submitted.
     */
    private Lane spin(long fromNanos, long untilNanos) {
        boolean place;
        synchronized (lock) {
            if (closed || spinner != null || System.nanoTime() - untilNanos >= 0) {
                return null;
            }
            spinner = Thread.currentThread();
            place = placed == null;
            if (place) {
                placed = spinner;
            }
        }
        if (place) {
            spinning.spinning();
        }
        for (long left = fromNanos - System.nanoTime(); left > 0 && handedOver == null && !closed && noneWaits();
                left = fromNanos - System.nanoTime()) {
            // with a wait for help, looks every so often whether other lanes wait for this worker
            LockSupport.parkNanos(helpAfterNanos == NO_HELP ? left : Math.min(left, helpAfterNanos));
        }
        spinTurns(untilNanos, Integer.MAX_VALUE);
        return endSpin();
    }

    /** Spins until a lane is handed over, the lanes close, the time is up or the turns are done. */
    private void spinTurns(long untilNanos, int turns) {
        for (int turn = 0; turn < turns && handedOver == null && !closed && System.nanoTime() - untilNanos < 0
                && noneWaits(); turn++) {
            Thread.onSpinWait();
        }
    }

    /**
     * Whether no lane waits that this spinning worker should take instead: with one worker running the
     * calls ({@link #helpAfterNanos}), its spin must not keep the other keys waiting.
     */
    private boolean noneWaits() {
        return helpAfterNanos == NO_HELP || !othersWait();
    }

    /**
     * Runs the spin's turns, waiting for nothing, on the calling thread, often enough that the JIT compiles
     * the methods it calls now: the first takeover's spin called them a thousand times and had them
     * compiled then, and the compiler thread took the CPU the event loop or the spinning worker needed
     * (0.5 ms and more on a host of two). About 0.1 ms, once, at start.
     */
    public void rehearseSpin() {
        spinTurns(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10), SPIN_REHEARSAL_TURNS);
    }

    /**
     * Tells {@link Spinning} this worker is done with spinning, if it was told it spins; before the worker
     * sleeps or leaves. The placement is let go only after, so the next spinner's starts after it.
     */
    private void unplace() {
        if (placed == Thread.currentThread()) {
            spinning.spun();
            placed = null;
        }
    }

    /** The spin is over: returns what was handed over meanwhile, if anything. */
    private Lane endSpin() {
        synchronized (lock) {
            spinner = null;
            Lane lane = handedOver;
            handedOver = null;
            return closed ? null : lane;
        }
    }

    /**
     * Until this thread calls {@link #wakeHeld}, the calls it submits are queued but wake no worker, so that
     * calls handed over together are all there when a worker wakes. A new master's add woke a worker at
     * once, which could take the submitting thread's CPU before it handed over the announcements; the worker
     * then ran the add, found nothing more, and slept until they came: a second wake-up, up to a
     * millisecond, before the first gratuitous ARP.
     */
    public void holdWakeups() {
        synchronized (lock) {
            holder = Thread.currentThread();
        }
    }

    /**
     * Wakes workers for every lane held back so far, and this thread's submissions wake them again. One thread
     * holds at a time (the event loop, or the rehearsal before its elections); should another have taken
     * the hold since, what was held is still woken here, never left waiting.
     */
    public void wakeHeld() {
        synchronized (lock) {
            if (holder == Thread.currentThread()) {
                holder = null;
            }
            for (int i = 0; i < held.size(); i++) {
                makeReady(held.get(i));
            }
            held.clear();
        }
    }

    /**
     * Whether calls of other keys wait for a worker now: a backlog, such as 1,000 new masters' adds. A
     * glance without the lock, so it may be a moment old.
     */
    public boolean othersWait() {
        return !ready.isEmpty();
    }

    /** Threads alive now: workers and abandoned ones. */
    public int threads() {
        synchronized (lock) {
            return liveWorkers + abandoned;
        }
    }

    /**
     * Waits until every call submitted has run (abandoned ones aside), at most {@code millis}; true when
     * they have.
     */
    public boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            while (!lanes.isEmpty() || !inHand.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Drops what waits and abandons the calls in hand (interrupted; reported as late if they return);
     * every thread ends once its call, if any, returns.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lanes.clear();
            ready.clear();
            held.clear();
            holder = null;
            handedOver = null;
            for (Job job : inHand) {
                job.abandoned = true;
                job.worker.interrupt();
                liveWorkers--;
                abandoned++;
            }
            inHand.clear();
            for (int i = 0; i < liveWorkers; i++) {
                ready.add(new Lane(null)); // one poison lane per worker
            }
            lock.notifyAll();
        }
        synchronized (watchdogSleep) {
            watchdogSleep.notifyAll();
        }
    }

    private void startWorker() {
        liveWorkers++;
        Thread thread = new Thread(this::work, name + "-" + ++threadsMade);
        thread.setDaemon(true);
        thread.start();
    }

    private void work() {
        Lane lane = null;
        // until when this worker spins between calls, once a call announced more (submitExpecting)
        long spinFromNanos = NO_SPIN;
        long spinUntilNanos = NO_SPIN;
        while (true) {
            if (lane == null) {
                unplace(); // placed while it spun, and between the calls that came meanwhile
                spinUntilNanos = NO_SPIN;
                try {
                    lane = helpAfterNanos == NO_HELP ? null : ready.poll();
                    if (lane == null) {
                        if (helpAfterNanos != NO_HELP && leaveIdle()) {
                            return;
                        }
                        lane = ready.take();
                    }
                } catch (InterruptedException e) {
                    continue; // a late interrupt meant for a call that had just finished
                }
            }
            Job job = null;
            boolean leaving = false;
            synchronized (lock) {
                if (lane.key == null || closed) {
                    liveWorkers--;
                    leaving = true;
                } else {
                    job = take(lane);
                }
            }
            if (leaving) {
                unplace();
                return;
            }
            for (int streak = 1; job != null; streak++) {
                Job ran = job;
                job = run(lane, job, streak < MAX_STREAK);
                if (job == LEAVE) {
                    unplace();
                    return;
                }
                if (ran.abandoned) {
                    spinUntilNanos = NO_SPIN; // another worker took this one's place
                } else if (ran.spinUntilNanos != NO_SPIN
                        && (spinUntilNanos == NO_SPIN || ran.spinUntilNanos - spinUntilNanos > 0)) {
                    spinFromNanos = ran.spinFromNanos;
                    spinUntilNanos = ran.spinUntilNanos;
                }
            }
            // a new master's announcements may still be on their way after its add: spin on for them
            lane = spinUntilNanos == NO_SPIN ? null : spin(spinFromNanos, spinUntilNanos);
        }
    }

    /**
     * A worker more if the oldest ready lane has waited {@link #helpAfterNanos} for one (the workers are
     * held by a hung call, or cannot keep up); how long until the watchdog should look again. Under the lock.
     */
    private long helpIn(long now) {
        Lane oldest = ready.peek();
        if (oldest == null || closed) {
            return Long.MAX_VALUE;
        }
        long left = oldest.readySinceNanos + helpAfterNanos - now;
        if (left > 0) {
            return left;
        }
        if (liveWorkers < workers) {
            startWorker();
        }
        return helpAfterNanos;
    }

    /**
     * Puts the lane in the ready queue; with one worker running the calls, wakes the watchdog if it would
     * look too late to send help. Under the lock.
     */
    private void enqueue(Lane lane) {
        long now = System.nanoTime();
        lane.readySinceNanos = now;
        ready.add(lane);
        if (helpAfterNanos != NO_HELP && watchdogWakesNanos - (now + helpAfterNanos) > 0) {
            watchdogWakesNanos = now + helpAfterNanos;
            synchronized (watchdogSleep) {
                watchdogSleep.notifyAll();
            }
        }
    }

    /**
     * Whether this worker, finding nothing ready, leaves: any but the last does, so that a thread joins
     * only for a backlog and goes with it (a steady stream such as the paced rehearsals would otherwise keep
     * every worker that ever joined, taking turns).
     */
    private boolean leaveIdle() {
        synchronized (lock) {
            if (closed || liveWorkers <= 1 || !ready.isEmpty()) {
                return false; // at close, the poison lane meant for it is in the queue
            }
            liveWorkers--;
            return true;
        }
    }

    /** Hands the lane's next call to this thread. Under the lock. */
    private Job take(Lane lane) {
        Job job = lane.jobs.poll();
        job.lane = lane;
        job.worker = Thread.currentThread();
        job.startedNanos = System.nanoTime();
        inHand.add(job);
        return job;
    }

    /**
     * Runs one call under the watchdog. Returns the lane's next call when this thread should run it too
     * ({@code goOn}, and one is waiting), null when the thread goes back to the ready lanes, or
     * {@link #LEAVE} when this thread was abandoned and is no longer needed.
     */
    private Job run(Lane lane, Job job, boolean goOn) {
        try {
            job.call.run();
        } catch (Exception | LinkageError e) {
            LOG.error("{}: {} for {} threw: {}", name, job.what, lane.key, e.toString());
        }
        boolean rejoin;
        synchronized (lock) {
            job.done = true;
            // the watchdog interrupts only under the lock and only before done: none can land after this
            Thread.interrupted();
            if (!job.abandoned) {
                inHand.remove(job);
                if (goOn && !closed && !lane.jobs.isEmpty()) {
                    // the next call of the key on this thread: handing the lane back to the ready queue
                    // woke another worker for it (a VIP add, then the new master's first gratuitous ARP)
                    return take(lane);
                }
                release(lane);
                return null;
            }
            abandoned--;
            rejoin = !closed && liveWorkers < workers;
            if (rejoin) {
                liveWorkers++;
            }
        }
        job.listener.finishedLate(lane.key, job.what);
        return rejoin ? null : LEAVE;
    }

    /** The watchdog's thread: abandons the calls that overstay, until the lanes close. */
    private void watch() {
        List<Job> expired = new ArrayList<>();
        while (!closed) {
            long sleepNanos;
            synchronized (lock) {
                long now = System.nanoTime();
                sleepNanos = shortestTimeoutNanos;
                for (Iterator<Job> calls = inHand.iterator(); calls.hasNext(); ) {
                    Job job = calls.next();
                    long left = job.startedNanos + job.timeoutNanos - now;
                    if (left <= 0) {
                        calls.remove();
                        expire(job);
                        expired.add(job);
                    } else {
                        sleepNanos = Math.min(sleepNanos, left);
                    }
                }
                if (helpAfterNanos != NO_HELP) {
                    sleepNanos = Math.min(sleepNanos, helpIn(now));
                }
                watchdogWakesNanos = now + sleepNanos;
            }
            for (Job job : expired) {
                job.listener.timedOut(job.lane.key, job.what, Duration.ofNanos(job.timeoutNanos));
            }
            expired.clear();
            synchronized (watchdogSleep) {
                if (closed) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(watchdogSleep, sleepNanos);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * The call is out of time: its key goes on without it, and a new worker takes this thread's place.
     * Under the lock, with the job already taken out of {@link #inHand}.
     */
    private void expire(Job job) {
        job.abandoned = true;
        job.worker.interrupt();
        release(job.lane);
        liveWorkers--;
        abandoned++;
        if (abandoned <= maxAbandoned) {
            startWorker();
        } else if (abandoned == maxAbandoned + 1) {
            LOG.error("{}: {} threads are stuck in plugin calls; no more are started until one returns",
                    name, abandoned);
        }
    }

    /** After a call: the lane's next call is ready for any worker, or the idle lane goes. Under the lock. */
    private void release(Lane lane) {
        if (lane.jobs.isEmpty()) {
            lane.busy = false;
            lanes.remove(lane.key, lane);
            lock.notifyAll();
        } else {
            enqueue(lane);
        }
    }
}
