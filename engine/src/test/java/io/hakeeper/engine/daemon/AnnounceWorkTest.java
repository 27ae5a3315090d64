package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.Announcer;
import io.hakeeper.api.VipBackend;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.plugin.StuckCalls;

/**
 * When announcements go out, on the announce thread, with a recording announcer. Waits are generous and
 * assert order, counts and lower bounds only: a busy machine can make a set late, never early.
 */
class AnnounceWorkTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /** Every announce call, with the time it was made. */
    private final List<Long> calls = new ArrayList<>();
    private final Announcer recorder = (interfaceName, addresses) -> {
        synchronized (calls) {
            calls.add(System.nanoTime());
            calls.notifyAll();
        }
    };
    private final AnnounceWork work = new AnnounceWork(recorder, getClass().getClassLoader(), "test",
            new AnnouncePacing(Duration.ZERO, Duration.ZERO));

    @AfterEach
    void close() throws Exception {
        work.close();
    }

    @Test
    void aStintThatEndedBeforeItsDeferredAnnouncementRanSendsNothing() throws Exception {
        // the VIP backend was still adding the address when a higher-priority advert ended the stint
        AnnounceWork.Mastership stint = work.claim("VI_1");
        work.cancel("VI_1");
        work.becameMaster(stint, instance(new GarpTiming(Duration.ofMillis(200), 3, Duration.ZERO, 1, Duration.ZERO, 1)));
        Thread.sleep(500);
        assertEquals(0, count(), "a former master sent gratuitous ARPs");
        assertTrue(work.current("VI_1").isEmpty());
    }

    @Test
    void aMasterSendsASetAtOnceAndNoSecondSetOnceItLeft() throws Exception {
        AnnounceWork.Mastership stint = work.claim("VI_1");
        work.becameMaster(stint, instance(new GarpTiming(Duration.ofMillis(300), 3, Duration.ZERO, 1, Duration.ZERO, 1)));
        awaitCalls(3);
        work.cancel("VI_1");
        Thread.sleep(600);
        assertEquals(3, count(), "the second set went out after the instance left master");
    }

    @Test
    void aLowerPriorityClaimIsAnsweredAtOnceAndAgainOneIntervalAfterItsLastAdvert() throws Exception {
        VrrpInstance instance = instance(new GarpTiming(Duration.ZERO, 1, Duration.ZERO, 2, Duration.ZERO, 1));
        AnnounceWork.Mastership stint = work.claim("VI_1");
        long first = System.nanoTime();
        work.heardLowerPriority(stint, instance);
        Thread.sleep(INTERVAL.toMillis() / 2);
        long last = System.nanoTime();
        work.heardLowerPriority(stint, instance); // the settle set moves to one interval after this one
        awaitCalls(6);
        Thread.sleep(INTERVAL.toMillis() * 3);
        List<Long> times = times();
        assertEquals(6, times.size(), "two answers of 2 messages and one settle set of 2, no more: " + times);
        assertTrue(times.get(0) >= first && times.get(2) >= last);
        for (long settle : times.subList(4, 6)) {
            assertTrue(settle - last >= INTERVAL.plus(AnnounceWork.SETTLE_MARGIN).toNanos(),
                    "the settle set went out " + (settle - last) / 1_000_000 + " ms after the last lower-priority advert");
        }
    }

    @Test
    void pacedMessagesOfManyMastersOnOneInterfaceAreOneStream() throws Exception {
        // keepalived's vrrp_garp_interval spaces the ARPs of an interface, not those of each instance apart
        Duration spacing = Duration.ofMillis(50);
        AnnounceWork paced = new AnnounceWork(recorder, getClass().getClassLoader(), "test",
                new AnnouncePacing(spacing, Duration.ZERO));
        try {
            VrrpInstance instance = instance(new GarpTiming(Duration.ZERO, 2, Duration.ZERO, 1, Duration.ZERO, 1));
            long start = System.nanoTime();
            for (String label : List.of("VI_1", "VI_2", "VI_3")) {
                paced.becameMaster(paced.claim(label), instance);
            }
            awaitCalls(6);
            List<Long> times = times();
            for (int i = 1; i < times.size(); i++) {
                assertTrue(times.get(i) - start >= i * spacing.toNanos(), "message " + i + " went out "
                        + (times.get(i) - start) / 1_000_000 + " ms after the masters started");
            }
        } finally {
            paced.close();
        }
    }

    @Test
    void noSettleSetOnceTheStintEnded() throws Exception {
        VrrpInstance instance = instance(new GarpTiming(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, 1));
        AnnounceWork.Mastership stint = work.claim("VI_1");
        work.heardLowerPriority(stint, instance);
        awaitCalls(1);
        work.cancel("VI_1");
        Thread.sleep(INTERVAL.toMillis() * 3);
        assertEquals(1, count());
    }

    @Test
    void anAnnouncerCallThatHangsHoldsUpNoOtherInstanceAndIsCountedEachTime() throws Exception {
        InetAddress hung = InetAddress.getByName("192.0.2.66");
        CountDownLatch release = new CountDownLatch(1);
        Announcer hangsForOne = (interfaceName, addresses) -> {
            if (addresses.contains(hung)) {
                StuckCalls.hangUntil(release);
            } else {
                recorder.announce(interfaceName, addresses);
            }
        };
        Duration timeout = Duration.ofMillis(600);
        AnnounceWork lanes = new AnnounceWork(hangsForOne, getClass().getClassLoader(), "test",
                new AnnouncePacing(Duration.ZERO, Duration.ZERO), timeout);
        try {
            GarpTiming twice = new GarpTiming(Duration.ZERO, 2, Duration.ZERO, 1, Duration.ZERO, 1);
            long start = System.nanoTime();
            lanes.becameMaster(lanes.claim("VI_HUNG"), Instances.withVip("VI_HUNG", 66, "192.0.2.66", INTERVAL, twice));
            lanes.becameMaster(lanes.claim("VI_OK"), Instances.withVip("VI_OK", 67, "192.0.2.67", INTERVAL, twice));
            awaitCalls(2);
            assertTrue(times().get(1) - start < timeout.toNanos(), "VI_OK's set waited for VI_HUNG's hung call");
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (lanes.timeouts() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, lanes.timeouts(), "both messages of VI_HUNG's set ran out of time, one after the other");
        } finally {
            release.countDown();
            lanes.close();
        }
    }

    /**
     * 1,000 new masters at once: a new master whose set comes up while other adds wait for the VIP thread
     * hands its set, whole, to the announcer's thread and lets that thread go on to the next add; a new
     * master that nobody waits behind sends its set from the thread that added, as a single takeover does.
     * Either way the set follows its own add.
     */
    @Test
    void aSetThatOtherAddsWaitBehindGoesToTheAnnouncersThreadAfterItsAdd() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch secondQueued = new CountDownLatch(1);
        VipBackend firstAddWaits = new RecordingBackend(new CopyOnWriteArrayList<>(), address -> {
            log.add("add " + address.address().getHostAddress() + " on " + Thread.currentThread().getName());
            if (address.address().getHostAddress().equals("192.0.2.70")) {
                // on a VIP thread, where a failed assertion would only be logged: the log's order says it
                secondQueued.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        Announcer byThread = (interfaceName, addresses) -> log.add("announce " + addresses.get(0).getHostAddress()
                + " on " + Thread.currentThread().getName());
        VipWork vips = new VipWork(firstAddWaits, getClass().getClassLoader(), "test");
        AnnounceWork announcing = new AnnounceWork(byThread, getClass().getClassLoader(), "test",
                new AnnouncePacing(Duration.ZERO, Duration.ZERO));
        try {
            GarpTiming thrice = new GarpTiming(Duration.ZERO, 3, Duration.ZERO, 1, Duration.ZERO, 1);
            VrrpInstance first = Instances.withVip("VI_1", 70, "192.0.2.70", INTERVAL, thrice);
            VrrpInstance second = Instances.withVip("VI_2", 71, "192.0.2.71", INTERVAL, thrice);
            vips.add("VI_1", first);
            announcing.becameMasterAfterAdd(vips, "VI_1", announcing.claim("VI_1"), first);
            vips.add("VI_2", second);
            announcing.becameMasterAfterAdd(vips, "VI_2", announcing.claim("VI_2"), second);
            secondQueued.countDown();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (log.size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(8, log.size(), "two adds and two sets of three: " + log);
            assertSetAfterAdd(log, "192.0.2.70", "hakeeper-announce");
            assertSetAfterAdd(log, "192.0.2.71", "hakeeper-vip");
        } finally {
            vips.close();
            announcing.close();
        }
    }

    /** The address's three messages come after its add, each from a thread named {@code thread}-something. */
    private static void assertSetAfterAdd(List<String> log, String address, String thread) {
        int add = -1;
        int messages = 0;
        for (int i = 0; i < log.size(); i++) {
            String line = log.get(i);
            if (line.startsWith("add " + address + " on hakeeper-vip")) {
                add = i;
            } else if (line.startsWith("announce " + address + " on ")) {
                assertTrue(add >= 0 && add < i, address + " announced before its add: " + log);
                assertTrue(line.startsWith("announce " + address + " on " + thread), line + ", expected from "
                        + thread + ": " + log);
                messages++;
            }
        }
        assertEquals(3, messages, address + "'s set: " + log);
    }

    private int count() {
        return times().size();
    }

    private List<Long> times() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private void awaitCalls(int n) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (calls) {
            while (calls.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + calls.size() + " of " + n + " announcements within " + PATIENCE);
                }
                calls.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private static VrrpInstance instance(GarpTiming garp) {
        return Instances.withVip("VI_1", 51, "192.0.2.50", INTERVAL, garp);
    }
}
