package io.hakeeper.engine.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.realtime.CompiledCode;
import io.hakeeper.engine.realtime.LowestPriority;
import io.hakeeper.engine.runtime.TakeoverRehearsal;

/**
 * A daemon of more than one instance rehearses their takeover {@link #TIMES} times, then by rounds of
 * {@link #ROUND} until a round leaves the JIT's code cache unchanged, before its elections can make them
 * master: the loop's path on throw-away instances ({@link TakeoverRehearsal}) and the plugins'
 * adds and announcements, which change nothing ({@link DaemonSideEffects#rehearseAgain}).
 *
 * <p>Why: backups that hear no master take over together, one Master_Down_Interval after the elections
 * begin: 1,000 takeovers in one turn of the loop, 1,000 adds and 5,000 gratuitous ARPs behind them. The JIT
 * compiles a method after about a thousand calls (C1 at the launcher's thresholds), so the first such burst
 * ran interpreted and had the compiler working beside it for the two CPUs of a small host: the burst took
 * 4-6 times keepalived's. Rehearsed past that count first, the same code is compiled before it (rehearsed
 * exactly 1,000 times, the netlink add's methods were still compiled during the burst; 1,500 times,
 * some still were, see {@link #ROUND}). One instance's
 * takeover is rehearsed once, as every daemon's is ({@link DaemonSideEffects#rehearseTakeover}): a single
 * takeover calls each method once, which compiles nothing, and the compiled code would cost memory.
 *
 * <p>On a thread of its own at nice 19, so that the loop's start and any early takeover (an address
 * owner's) go first; the plugins' part runs on their own threads, in a lane of its own. About 0.5 s of
 * CPU at start, the compilations it causes included (a daemon of two instances against one, 2.5 s in).
 */
final class BurstRehearsal {

    private static final Logger LOG = LoggerFactory.getLogger(BurstRehearsal.class);

    /**
     * Rehearsals at least, the first included: past the calls after which C1 compiles a method (200 ×
     * -XX:CompileThresholdScaling, 2 in the launcher, 400 calls; 1,000 at the 5 it once used) for what a
     * takeover calls once, with room for the JIT's thresholds raised while its queue holds work.
     */
    static final int TIMES = 1_500;
    /**
     * Rehearsals of each further round. The interpreter asks the JIT about a method once per 2^7 calls
     * scaled by -XX:CompileThresholdScaling and rounded down to a power of two (256 calls at 2, 512 at 5),
     * and the JIT raises its threshold while its queue holds work: at 5, a method whose check at call 1,024
     * came while start-up's compilations queued was next considered at call 1,536, which for what a
     * takeover calls once fell in the burst (measured: the netlink add, the gratuitous ARP's frame and the
     * new master's hand-overs compiled during the first burst after 1,500 rehearsals, C1 busy for 20 ms of
     * it). One round takes every method past at least one more check.
     */
    static final int ROUND = 512;
    /** Rounds after {@link #TIMES} at most, should the JIT never go quiet (other work of the daemon's). */
    static final int MAX_ROUNDS = 4;
    /** How long one rehearsal's plugin calls may take before the rehearsals end (a hung plugin). */
    static final long PLUGIN_WAIT_MILLIS = 1_000;

    /** Rehearsals of a daemon of one instance: none beyond the first. */
    static final BurstRehearsal NONE = new BurstRehearsal();

    private volatile boolean stopped;
    private Thread thread;

    private BurstRehearsal() {
    }

    /** Rehearsals beyond the first before the JIT is asked whether it is done, for a daemon of {@code instances}. */
    static int moreFor(int instances) {
        return instances > 1 ? TIMES - 1 : 0;
    }

    /** Starts the rehearsals beyond the first, if the daemon has more than one instance. */
    static BurstRehearsal start(int instances, DaemonSideEffects effects, VrrpInstance sample) {
        return start(instances, effects, sample, () -> CompiledCode.ofThisJvm()::bytesUsed);
    }

    /**
     * As {@link #start(int, DaemonSideEffects, VrrpInstance)}, the JIT's code measured by what
     * {@code codeMeter} makes (on the rehearsals' thread: the JVM's management beans take milliseconds to
     * make).
     */
    static BurstRehearsal start(int instances, DaemonSideEffects effects, VrrpInstance sample,
                                Supplier<LongSupplier> codeMeter) {
        int times = moreFor(instances);
        if (times == 0) {
            return NONE;
        }
        BurstRehearsal rehearsals = new BurstRehearsal();
        rehearsals.thread = new Thread(() -> rehearsals.run(times, effects, sample, codeMeter), "hakeeper-rehearsal");
        rehearsals.thread.setDaemon(true);
        rehearsals.thread.start();
        return rehearsals;
    }

    /** No rehearsal starts after this: the daemon stops. Returns at once. */
    void stop() {
        stopped = true;
    }

    /**
     * Waits, at most {@code millis}, for the rehearsal in hand to be handed over after {@link #stop}, so that
     * the plugins' lanes, drained next at shutdown, are not handed rehearsals after their drain began.
     */
    void awaitStopped(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    /**
     * One rehearsal at a time, the next once the plugins' lane has run the last: their part runs on the
     * plugins' threads at the daemon's priority, and handed over all at once it took those threads for
     * about a second after start, beside the daemon's first answers and adverts. Paced by this thread at
     * nice 19, it runs when the host has a CPU to spare. A plugin that takes longer than
     * {@link #PLUGIN_WAIT_MILLIS} for one rehearsal (one that hangs) ends the rehearsals: nothing more is
     * piled on it.
     */
    private void run(int times, DaemonSideEffects effects, VrrpInstance sample, Supplier<LongSupplier> codeMeter) {
        LowestPriority.forCurrentThread();
        try {
            if (!rehearse(times, effects, sample)) {
                return;
            }
            LongSupplier codeBytes = codeMeter.get();
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long before = codeBytes.getAsLong();
                if (!rehearse(ROUND, effects, sample) || codeBytes.getAsLong() == before) {
                    LOG.debug("takeover rehearsed {} times", times + 1 + (round + 1) * ROUND);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("bug: the takeover rehearsals failed; the first burst of takeovers may be slower", e);
        }
    }

    /**
     * Rehearses {@code times} more times, one at a time; false when the rehearsals must end (the daemon
     * stops, or a plugin took too long).
     */
    private boolean rehearse(int times, DaemonSideEffects effects, VrrpInstance sample) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            if (stopped) {
                return false;
            }
            TakeoverRehearsal.run();
            if (stopped) {
                return false;
            }
            CountDownLatch rehearsed = new CountDownLatch(1);
            effects.rehearseAgain(sample, rehearsed::countDown);
            if (!rehearsed.await(PLUGIN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.debug("takeover rehearsals ended: the plugins' part took over {} ms", PLUGIN_WAIT_MILLIS);
                return false;
            }
        }
        return true;
    }
}
