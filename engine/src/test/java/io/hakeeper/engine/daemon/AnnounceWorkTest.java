package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.Announcer;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.config.model.NotifyCommands;
import io.hakeeper.engine.config.model.VrrpInstance;

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

    private static VrrpInstance instance(GarpTiming garp) throws Exception {
        InetAddress vip = InetAddress.getByName("192.0.2.50");
        NotifyCommands none = new NotifyCommands(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
        return new VrrpInstance("VI_1", InitialState.BACKUP, "eth0", false, Map.of(), Optional.empty(),
                Optional.empty(), List.of(), false, Family.IPV4, 3, 51, 100, INTERVAL, Optional.empty(),
                List.of(new VirtualAddress(vip, 24, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty())), List.of(), List.of(), false, Duration.ZERO, garp, none);
    }
}
