package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.Announcer;
import io.hakeeper.api.VipBackend;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.plugin.StuckCalls;

/**
 * The takeover rehearsal at start goes through the VIP and announcement lanes and touches nothing: no
 * address added, no message announced, not then and not later (its second set and its refreshes never
 * run), and a real takeover after it adds, then announces, the first round from the thread that added.
 * An announcer that hangs there is bounded and counted as the announcer's, not the VIP backend's.
 */
class TakeoverRehearsalTest {

    /** A second set after 150 ms and a refresh every 100 ms: both would show within the wait below. */
    private static final GarpTiming GARP = new GarpTiming(Duration.ofMillis(150), 2, Duration.ZERO, 1,
            Duration.ofMillis(100), 1);
    private static final VrrpInstance INSTANCE = Instances.withVip("VI_1", 51, "192.0.2.50", Duration.ofSeconds(1), GARP);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> rehearsals = new CopyOnWriteArrayList<>();
    private final VipWork vips = new VipWork(new RecordingBackend(calls, rehearsals), getClass().getClassLoader(), "test");
    private final AnnounceWork announcements = new AnnounceWork(new Announcer() {
        @Override
        public void announce(String interfaceName, List<InetAddress> addresses) {
            TakeoverRehearsalTest.this.announce(interfaceName, addresses);
        }

        @Override
        public void rehearse(String interfaceName, List<InetAddress> addresses) {
            rehearsals.add("rehearse " + addresses + " on " + interfaceName);
        }
    }, getClass().getClassLoader(), "test", new AnnouncePacing(Duration.ZERO, Duration.ZERO));
    private final DaemonSideEffects effects = new DaemonSideEffects(new HashMap<>(), new HashMap<>(),
            Optional.of(vips), Optional.of(announcements), Optional.empty(), change -> { });

    @AfterEach
    void close() throws Exception {
        vips.close();
        announcements.close();
    }

    @Test
    void theRehearsalAddsNothingAndAnnouncesNothingThenOrLater() throws Exception {
        effects.rehearseTakeover(INSTANCE);
        Thread.sleep(600);
        vips.drain(5_000);
        assertEquals(List.of(), calls);
        assertEquals(0, vips.failures() + announcements.failures(), "the rehearsal failed somewhere");
    }

    /**
     * What the plugins run is their own rehearsal, once per rehearsal: the add of each VIP, then the first
     * set's rounds (garp_master_repeat 2 here), in that order, as a takeover would call them.
     */
    @Test
    void theRehearsalRunsThePluginsOwnRehearsalsInATakeoversOrder() throws Exception {
        effects.rehearseTakeover(INSTANCE);
        awaitRehearsals(3);
        assertEquals(List.of("rehearse add 192.0.2.50/24 on eth0", "rehearse [/192.0.2.50] on eth0",
                "rehearse [/192.0.2.50] on eth0"), rehearsals);
    }

    /**
     * Rehearsed again from another thread while the event loop holds the VIP threads' wake-ups (as it does
     * between a new master's add and its advert): nothing is added or announced, the loop's held add still
     * waits for the loop's word, and every rehearsal runs.
     */
    @Test
    void rehearsalsFromAnotherThreadChangeNothingAndLeaveTheLoopsHoldAlone() throws Exception {
        effects.rehearseTakeover(INSTANCE);
        awaitRehearsals(3);
        vips.holdWakeups();
        vips.add("VI_1", INSTANCE);
        Thread rehearsing = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                effects.rehearseAgain(INSTANCE, () -> { });
            }
        });
        rehearsing.start();
        rehearsing.join(5_000);
        awaitRehearsals(3 + 20 * 3);
        assertEquals(List.of(), calls, "the held add ran before the loop let it go, or a rehearsal changed something");
        vips.wakeHeld();
        vips.drain(5_000);
        assertEquals(List.of("add 192.0.2.50/24 on eth0"), calls);
        assertEquals(0, vips.failures() + announcements.failures(), "a rehearsal failed somewhere");
    }

    /** A plugin whose rehearsal fails costs nothing: no failure counted, and the real takeover goes on. */
    @Test
    void aPluginRehearsalThatFailsIsNoFailure() throws Exception {
        VipBackend failsToRehearse = new RecordingBackend(calls, (interfaceName, address) -> {
            throw new IOException("netlink: cannot rehearse");
        });
        VipWork vipsOfFailing = new VipWork(failsToRehearse, getClass().getClassLoader(), "test");
        AnnounceWork announcing = new AnnounceWork(new Announcer() {
            @Override
            public void announce(String interfaceName, List<InetAddress> addresses) {
                TakeoverRehearsalTest.this.announce(interfaceName, addresses);
            }

            @Override
            public void rehearse(String interfaceName, List<InetAddress> addresses) throws Exception {
                throw new IOException("no MAC");
            }
        }, getClass().getClassLoader(), "test", new AnnouncePacing(Duration.ZERO, Duration.ZERO));
        DaemonSideEffects failing = new DaemonSideEffects(new HashMap<>(), new HashMap<>(), Optional.of(vipsOfFailing),
                Optional.of(announcing), Optional.empty(), change -> { });
        try {
            failing.rehearseTakeover(INSTANCE);
            failing.rehearseAgain(INSTANCE, () -> { });
            vipsOfFailing.drain(5_000);
            assertEquals(0, vipsOfFailing.failures() + announcing.failures(), "a failed rehearsal was counted");
            vipsOfFailing.add("VI_1", INSTANCE);
            announcing.becameMasterAfterAdd(vipsOfFailing, "VI_1", announcing.claim("VI_1"), INSTANCE);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (calls.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("add 192.0.2.50/24 on eth0", "announce [/192.0.2.50] on eth0",
                    "announce [/192.0.2.50] on eth0"), calls.subList(0, Math.min(3, calls.size())));
        } finally {
            announcing.close();
            vipsOfFailing.close();
        }
    }

    @Test
    void aTakeoverAfterTheRehearsalAddsThenAnnounces() throws Exception {
        effects.rehearseTakeover(INSTANCE);
        vips.add("VI_1", INSTANCE);
        AnnounceWork.Mastership stint = announcements.claim("VI_1");
        announcements.becameMasterAfterAdd(vips, "VI_1", stint, INSTANCE);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        announcements.cancel("VI_1");
        assertEquals(List.of("add 192.0.2.50/24 on eth0", "announce [/192.0.2.50] on eth0",
                "announce [/192.0.2.50] on eth0"), calls.subList(0, Math.min(3, calls.size())));
    }

    @Test
    void anAnnouncerThatHangsInTheVipLaneIsTheAnnouncersTimeoutAndHoldsUpNoOtherInstance() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Announcer hangs = (interfaceName, addresses) -> StuckCalls.hangUntil(release);
        AnnounceWork hanging = new AnnounceWork(hangs, getClass().getClassLoader(), "test",
                new AnnouncePacing(Duration.ZERO, Duration.ZERO), Duration.ofMillis(500));
        try {
            VrrpInstance one = Instances.withVip("VI_1", 51, "192.0.2.50", Duration.ofSeconds(1), GARP);
            vips.add("VI_1", one);
            hanging.becameMasterAfterAdd(vips, "VI_1", hanging.claim("VI_1"), one);
            vips.add("VI_2", Instances.withVip("VI_2", 52, "192.0.2.51", Duration.ofSeconds(1), GARP));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while ((hanging.timeouts() == 0 || !calls.contains("add 192.0.2.51/24 on eth0"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(calls.contains("add 192.0.2.51/24 on eth0"), "VI_2's add waited for VI_1's hung announcer");
            assertTrue(hanging.timeouts() >= 1, "the hung first round was not counted as the announcer's");
            assertEquals(0, vips.timeouts(), "the announcer's hang was counted as the VIP backend's");
            vips.remove("VI_1", one);
            while (!calls.contains("remove 192.0.2.50/24 on eth0") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(calls.contains("remove 192.0.2.50/24 on eth0"), "VI_1's lane stayed held after the timeout");
        } finally {
            release.countDown();
            hanging.close();
        }
    }

    /**
     * The first set goes from the thread that added, and an announcer that hangs in it costs that set only:
     * the second set and the refreshes are scheduled all the same, so the stint still announces.
     */
    @Test
    void aNewMasterWhoseFirstSetHangsStillSendsItsRefreshes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        List<String> refreshes = new CopyOnWriteArrayList<>();
        Announcer hangsOnce = (interfaceName, addresses) -> {
            if (first.getAndSet(false)) {
                StuckCalls.hangUntil(release);
            } else {
                refreshes.add("announce " + addresses);
            }
        };
        AnnounceWork hanging = new AnnounceWork(hangsOnce, getClass().getClassLoader(), "test",
                new AnnouncePacing(Duration.ZERO, Duration.ZERO), Duration.ofMillis(300));
        try {
            vips.add("VI_1", INSTANCE);
            hanging.becameMasterAfterAdd(vips, "VI_1", hanging.claim("VI_1"), INSTANCE);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while ((hanging.timeouts() == 0 || refreshes.size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, hanging.timeouts(), "the hung first set was not counted as the announcer's timeout");
            assertTrue(refreshes.size() >= 2, "no second set nor refresh after the first set hung: " + refreshes);
        } finally {
            release.countDown();
            hanging.close();
        }
    }

    private void awaitRehearsals(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rehearsals.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, rehearsals.size(), "rehearsals run: " + rehearsals);
    }

    private void announce(String interfaceName, List<InetAddress> addresses) {
        if (!addresses.isEmpty()) {
            calls.add("announce " + addresses + " on " + interfaceName);
        }
    }
}
