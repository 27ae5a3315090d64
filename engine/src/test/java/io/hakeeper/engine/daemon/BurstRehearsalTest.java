package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.VipBackend;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.plugin.StuckCalls;

/**
 * A daemon of more than one instance rehearses {@link BurstRehearsal#TIMES} takeovers, the first at start
 * and the others on a thread of their own, then rounds of them while the JIT compiles, which stops when the daemon does; one instance, none beyond
 * the first.
 */
class BurstRehearsalTest {

    private static final VrrpInstance INSTANCE = Instances.withVip("VI_1", 51, "192.0.2.50", Duration.ofSeconds(1),
            new GarpTiming(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, 1));

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> rehearsals = new CopyOnWriteArrayList<>();
    private final VipWork vips = new VipWork(new RecordingBackend(calls, rehearsals), getClass().getClassLoader(),
            "test");
    private final DaemonSideEffects effects = new DaemonSideEffects(new HashMap<>(), new HashMap<>(),
            Optional.of(vips), Optional.empty(), Optional.empty(), change -> { });

    @AfterEach
    void close() throws Exception {
        vips.close();
    }

    @Test
    void rehearsalsPastTheCompilersThresholdForMoreThanOneInstance() {
        assertEquals(0, BurstRehearsal.moreFor(0));
        assertEquals(0, BurstRehearsal.moreFor(1));
        assertEquals(BurstRehearsal.TIMES - 1, BurstRehearsal.moreFor(2));
        assertEquals(BurstRehearsal.TIMES - 1, BurstRehearsal.moreFor(4_000));
        assertSame(BurstRehearsal.NONE, BurstRehearsal.start(1, effects, INSTANCE));
    }

    @Test
    void everyRehearsalRunsThroughThePluginsAndChangesNothing() throws Exception {
        BurstRehearsal started = BurstRehearsal.start(250, effects, INSTANCE);
        started.awaitStopped(30_000);
        vips.drain(10_000);
        int rounds = (rehearsals.size() - (BurstRehearsal.TIMES - 1)) / BurstRehearsal.ROUND;
        assertEquals(BurstRehearsal.TIMES - 1 + rounds * BurstRehearsal.ROUND, rehearsals.size(), "not whole rounds");
        assertTrue(rounds >= 1 && rounds <= BurstRehearsal.MAX_ROUNDS, "rounds after the first rehearsals: " + rounds);
        assertEquals(List.of(), calls);
        assertEquals(0, vips.failures());
    }

    /** Rounds go on while the JIT's code grows, and end with the first round that leaves it unchanged. */
    @Test
    void roundsEndWhenTheCompilerIsDone() throws Exception {
        // read before and after each round: grown in the first two rounds, unchanged in the third
        long[] sizes = {100, 200, 200, 300, 300, 300, 300, 300, 300};
        AtomicInteger reads = new AtomicInteger();
        BurstRehearsal started = BurstRehearsal.start(2, effects, INSTANCE, () -> () -> sizes[reads.getAndIncrement()]);
        started.awaitStopped(30_000);
        vips.drain(10_000);
        assertEquals(6, reads.get());
        assertEquals(BurstRehearsal.TIMES - 1 + 3 * BurstRehearsal.ROUND, rehearsals.size());
    }

    @Test
    void roundsEndAfterTheirMostWhenTheCodeNeverSettles() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        BurstRehearsal started = BurstRehearsal.start(2, effects, INSTANCE, () -> reads::incrementAndGet);
        started.awaitStopped(30_000);
        vips.drain(10_000);
        assertEquals(BurstRehearsal.TIMES - 1 + BurstRehearsal.MAX_ROUNDS * BurstRehearsal.ROUND, rehearsals.size());
    }

    @Test
    void aStoppedRehearsalHandsNothingOverOnceItsThreadIsDone() throws Exception {
        BurstRehearsal started = BurstRehearsal.start(1_000, effects, INSTANCE);
        started.stop();
        started.awaitStopped(5_000);
        vips.drain(5_000);
        int rehearsed = rehearsals.size();
        assertTrue(rehearsed < BurstRehearsal.TIMES - 1, "a stop did not end the rehearsals: " + rehearsed);
        Thread.sleep(200);
        assertEquals(rehearsed, rehearsals.size(), "rehearsals handed over after the thread was done");
    }

    /**
     * One rehearsal at a time: a backend that hangs in its rehearsal gets no second one, and the rehearsals
     * end after {@link BurstRehearsal#PLUGIN_WAIT_MILLIS} instead of piling 1,499 on it.
     */
    @Test
    void aPluginThatHangsInARehearsalIsHandedNoOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rehearsed = new AtomicInteger();
        VipBackend hangs = new RecordingBackend(calls, (interfaceName, address) -> {
            rehearsed.incrementAndGet();
            StuckCalls.hangUntil(release);
        });
        VipWork hangingVips = new VipWork(hangs, getClass().getClassLoader(), "test", Duration.ofSeconds(30));
        DaemonSideEffects hanging = new DaemonSideEffects(new HashMap<>(), new HashMap<>(), Optional.of(hangingVips),
                Optional.empty(), Optional.empty(), change -> { });
        try {
            long start = System.nanoTime();
            BurstRehearsal started = BurstRehearsal.start(1_000, hanging, INSTANCE);
            started.awaitStopped(BurstRehearsal.PLUGIN_WAIT_MILLIS + 5_000);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took >= BurstRehearsal.PLUGIN_WAIT_MILLIS, "the rehearsals ended before the wait: " + took);
            release.countDown();
            hangingVips.drain(5_000);
            assertEquals(1, rehearsed.get(), "rehearsals were piled on a hung plugin");
            assertEquals(List.of(), calls);
        } finally {
            release.countDown();
            hangingVips.close();
        }
    }
}
