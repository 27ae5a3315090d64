package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;

/**
 * VIP jobs against a backend whose add of one address hangs, deaf to interrupts, as a call stuck in the
 * kernel or on a lock would: the other instances' VIPs are not held up, the hung instance's next job runs
 * after the timeout, the timeout is counted every time and logged once, and a call that returns after its
 * timeout is put right by what the instance wants by then.
 */
class VipWorkTest {

    private static final String HUNG = "192.0.2.66";
    private static final GarpTiming GARP = new GarpTiming(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, 1);
    private static final VrrpInstance HUNG_INSTANCE = Instances.withVip("VI_HUNG", 66, HUNG, Duration.ofSeconds(1), GARP);

    private final HangingBackend backend = new HangingBackend();
    private VipWork work;

    @AfterEach
    void close() throws Exception {
        backend.release.countDown();
        if (work != null) {
            work.close();
        }
    }

    @Test
    void anInstanceWhoseBackendCallHangsHoldsUpNoOtherInstance() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        work = new VipWork(backend, getClass().getClassLoader(), "test", timeout);
        long start = System.nanoTime();
        work.add("VI_HUNG", HUNG_INSTANCE);
        for (int k = 0; k < 50; k++) {
            work.add("VI_" + k, Instances.withVip("VI_" + k, 100 + k, "192.0.2." + (100 + k), Duration.ofSeconds(1), GARP));
        }
        work.remove("VI_HUNG", HUNG_INSTANCE);
        awaitTrue(() -> backend.addedAt.size() == 50, timeout.multipliedBy(2), "the other instances' VIPs");
        long slowest = Collections.max(backend.addedAt.values()) - start;
        assertTrue(slowest < timeout.toNanos(), "the last other VIP was added after "
                + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms: it waited for the hung call's timeout");
        assertTrue(!backend.calls.contains("remove " + HUNG), "VI_HUNG's remove overtook its hung add");

        awaitTrue(() -> backend.calls.contains("remove " + HUNG), timeout.multipliedBy(3), "VI_HUNG's next job");
        assertTrue(System.nanoTime() - start >= timeout.toNanos(), "VI_HUNG's next job ran before the timeout");
        // the watchdog frees the lane first and counts the timeout just after: the count may trail the remove
        awaitTrue(() -> work.timeouts() == 1, timeout, "the timeout counted");
    }

    @Test
    void anInstanceReloadedWithOtherVipsAddsItsNewVipsNotThePreparedOnes() throws Exception {
        work = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofSeconds(2));
        VrrpInstance before = Instances.withVip("VI_1", 51, "192.0.2.51", Duration.ofSeconds(1), GARP);
        VrrpInstance after = Instances.withVip("VI_1", 51, "192.0.2.52", Duration.ofSeconds(1), GARP);
        work.prepare("VI_1", before);
        work.add("VI_1", before);
        work.remove("VI_1", before);
        work.add("VI_1", after); // a reload changed its VIP; prepare was not told (it is, by the daemon)
        awaitTrue(() -> backend.calls.size() == 3, Duration.ofSeconds(2), "three calls");
        assertEquals(List.of("add 192.0.2.51", "remove 192.0.2.51", "add 192.0.2.52"), backend.calls);
    }

    @Test
    void aTakeoverExpectedTellsTheBackendOfItsAddsInItsLaneBeforeTheAdds() throws Exception {
        work = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofSeconds(2));
        VrrpInstance instance = Instances.withVip("VI_1", 51, "192.0.2.51", Duration.ofSeconds(1), GARP);
        work.prepare("VI_1", instance);
        work.expectAdd("VI_1");
        work.add("VI_1", instance);
        awaitTrue(() -> backend.calls.size() == 2, Duration.ofSeconds(2), "two calls");
        assertEquals(List.of("expect 192.0.2.51 on " + instance.interfaceName(), "add 192.0.2.51"), backend.calls);

        work.expectAdd("VI_UNKNOWN"); // an instance never prepared has nothing to expect
        work.add("VI_1", instance);
        awaitTrue(() -> backend.calls.size() == 3, Duration.ofSeconds(2), "the second add");
        assertEquals("add 192.0.2.51", backend.calls.get(2));
    }

    @Test
    void everyTimeoutIsCountedAndEachCallLoggedOnce() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            work = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofMillis(200));
            for (int i = 0; i < 3; i++) {
                work.add("VI_HUNG", HUNG_INSTANCE);
                work.remove("VI_HUNG", HUNG_INSTANCE);
            }
            awaitTrue(() -> backend.calls.stream().filter(("remove " + HUNG)::equals).count() == 3,
                    Duration.ofSeconds(10), "three removes after three hung adds");
        } finally {
            System.setErr(stderr);
        }
        awaitTrue(() -> work.timeouts() == 3, Duration.ofSeconds(5), "three timeouts counted");
        List<String> lines = logged.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("VI_HUNG: add " + HUNG + "/24 timed out")).toList();
        assertEquals(1, lines.size(), "logged: " + logged);
    }

    @Test
    void aCallThatReturnsAfterItsTimeoutIsPutRightByWhatTheInstanceWantsNow() throws Exception {
        work = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofMillis(200));
        work.add("VI_HUNG", HUNG_INSTANCE);
        work.remove("VI_HUNG", HUNG_INSTANCE); // left master while the add hung
        awaitTrue(() -> backend.calls.contains("remove " + HUNG), Duration.ofSeconds(5), "the remove");
        backend.release.countDown(); // the add lands now, after the remove: the VIP is back, wrongly
        awaitTrue(() -> backend.calls.size() == 4, Duration.ofSeconds(5), "the late add put right");
        assertEquals(List.of("add " + HUNG, "remove " + HUNG, "late add " + HUNG, "remove " + HUNG), backend.calls);
    }

    @Test
    void closingInterruptsACallInHandSoThatItsEffectNeverLands() throws Exception {
        HangingBackend listening = new HangingBackend(false);
        VipWork closing = new VipWork(listening, getClass().getClassLoader(), "test", Duration.ofSeconds(30));
        try {
            closing.add("VI_HUNG", HUNG_INSTANCE);
            awaitTrue(() -> listening.calls.contains("add " + HUNG), Duration.ofSeconds(5), "the add under way");
        } finally {
            closing.close();
        }
        awaitTrue(() -> listening.calls.contains("interrupted " + HUNG), Duration.ofSeconds(5),
                "the call in hand interrupted by close");
        listening.release.countDown();
        Thread.sleep(100);
        assertEquals(List.of("add " + HUNG, "interrupted " + HUNG), listening.calls);
    }

    @Test
    void aCallOfAReplacedDaemonThatLandsLateIsPutRightByItsSuccessor() throws Exception {
        VipWork replaced = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofSeconds(30));
        replaced.add("VI_HUNG", HUNG_INSTANCE); // was master; the add hangs, deaf to interrupts
        awaitTrue(() -> backend.calls.contains("add " + HUNG), Duration.ofSeconds(5), "the add under way");
        work = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofSeconds(30));
        replaced.handOverTo(work);
        replaced.close();
        work.remove("VI_HUNG", HUNG_INSTANCE); // the successor starts as backup
        awaitTrue(() -> backend.calls.contains("remove " + HUNG), Duration.ofSeconds(5), "the successor's remove");
        backend.release.countDown(); // the replaced daemon's add lands now
        awaitTrue(() -> backend.calls.size() == 4, Duration.ofSeconds(5), "the late add put right by the successor");
        assertEquals(List.of("add " + HUNG, "remove " + HUNG, "late add " + HUNG, "remove " + HUNG), backend.calls);
    }

    @Test
    void aLateCallForAnInstanceTheSuccessorDoesNotRunHasThatInstancesVipsRemoved() throws Exception {
        VipWork replaced = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofSeconds(30));
        replaced.add("VI_HUNG", HUNG_INSTANCE);
        awaitTrue(() -> backend.calls.contains("add " + HUNG), Duration.ofSeconds(5), "the add under way");
        work = new VipWork(backend, getClass().getClassLoader(), "test", Duration.ofSeconds(30));
        replaced.handOverTo(work);
        replaced.close();
        backend.release.countDown();
        awaitTrue(() -> backend.calls.size() == 3, Duration.ofSeconds(5), "the late add of a removed instance undone");
        assertEquals(List.of("add " + HUNG, "late add " + HUNG, "remove " + HUNG), backend.calls);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration patience, String what) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + patience);
            }
            Thread.sleep(2);
        }
    }

    /**
     * Records every call; an add of {@link #HUNG} waits for {@link #release}, ignoring interrupts unless
     * made to listen to them.
     */
    private static final class HangingBackend implements VipBackend {
        final CountDownLatch release = new CountDownLatch(1);
        final boolean deaf;
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, Long> addedAt = new ConcurrentHashMap<>();

        HangingBackend() {
            this(true);
        }

        HangingBackend(boolean deaf) {
            this.deaf = deaf;
        }

        @Override
        public void addAddress(String interfaceName, VirtualAddress address) throws InterruptedException {
            String ip = address.address().getHostAddress();
            calls.add("add " + ip);
            if (ip.equals(HUNG)) {
                if (deaf) {
                    hangUntilReleased();
                } else {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        calls.add("interrupted " + ip);
                        throw e;
                    }
                }
                calls.add("late add " + ip);
            } else {
                addedAt.put(ip, System.nanoTime());
            }
        }

        @Override
        public void addExpected(String interfaceName, VirtualAddress address) {
            calls.add("expect " + address.address().getHostAddress() + " on " + interfaceName);
        }

        @Override
        public void removeAddress(String interfaceName, VirtualAddress address) {
            calls.add("remove " + address.address().getHostAddress());
        }

        @Override
        public List<VirtualAddress> listAddresses(String interfaceName) {
            return List.of();
        }

        @Override
        public void addRoute(VirtualRoute route) {
        }

        @Override
        public void removeRoute(VirtualRoute route) {
        }

        private void hangUntilReleased() {
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException e) {
                    // deaf to the timeout's interrupt, as a call stuck in the kernel would be
                }
            }
        }
    }
}
