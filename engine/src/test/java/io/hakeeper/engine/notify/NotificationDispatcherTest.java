package io.hakeeper.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.MapSettings;
import io.hakeeper.api.Notifier;
import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.plugin.StuckCalls;

/** The dispatcher with in-test notifiers: order, isolation, timeouts and the drain at close. */
class NotificationDispatcherTest {

    private static final DeliveryLimits FAST = new DeliveryLimits(Duration.ofMillis(200), Duration.ofSeconds(5), 1000);

    private final CountDownLatch releaseHung = new CountDownLatch(1);
    private final List<NotificationDispatcher> opened = new ArrayList<>();

    @AfterEach
    void releaseAndClose() {
        releaseHung.countDown();
        opened.forEach(NotificationDispatcher::close);
    }

    /** Records every transition it is told of, and the thread's context class loader at the time. */
    static class Recording implements Notifier {
        final List<Transition> seen = new CopyOnWriteArrayList<>();
        final List<ClassLoader> loaders = new CopyOnWriteArrayList<>();
        volatile Instant closedAt;
        volatile Instant lastSeenAt;

        @Override
        public void notify(Transition transition) {
            seen.add(transition);
            loaders.add(Thread.currentThread().getContextClassLoader());
            lastSeenAt = Instant.now();
        }

        @Override
        public void close() {
            closedAt = Instant.now();
        }
    }

    /** Hangs on every call until the test ends, ignoring interruption, as a badly written plugin might. */
    private Notifier hanging() {
        return transition -> StuckCalls.hangUntil(releaseHung);
    }

    private NotificationDispatcher dispatcher(DeliveryLimits limits, NotificationDispatcher.Attached... attached) {
        NotificationDispatcher dispatcher = NotificationDispatcher.of(List.of(attached), limits);
        opened.add(dispatcher);
        return dispatcher;
    }

    private static NotificationDispatcher.Attached attach(Notifier notifier, String type, NotifySubject... subjects) {
        return attach(notifier, type, NotificationDispatcherTest.class.getClassLoader(), subjects);
    }

    private static NotificationDispatcher.Attached attach(Notifier notifier, String type, ClassLoader loader,
                                                          NotifySubject... subjects) {
        NotifierSpec spec = new NotifierSpec(type, subjects[0].name(),
                MapSettings.of(), Set.of(subjects));
        return new NotificationDispatcher.Attached(spec, "test-plugin", loader, notifier);
    }

    private static Transition transition(String instance, int sequence) {
        VrrpState to = sequence % 2 == 0 ? VrrpState.MASTER : VrrpState.BACKUP;
        VrrpState from = to == VrrpState.MASTER ? VrrpState.BACKUP : VrrpState.MASTER;
        return new Transition(Transition.Subject.INSTANCE, instance, from, to, sequence, "test", Instant.now());
    }

    @Test
    void eachSubjectIsNotifiedInOrderAcrossHundredsOfTransitionsWhileAnotherSubjectsNotifierHangs() {
        Recording vi1 = new Recording();
        Recording vi3 = new Recording();
        NotificationDispatcher dispatcher = dispatcher(FAST,
                attach(vi1, "script", NotifySubject.instance("VI_1")),
                attach(hanging(), "script", NotifySubject.instance("VI_2")),
                attach(vi3, "smtp", NotifySubject.instance("VI_3")));

        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            dispatcher.submit(transition("VI_1", i));
            dispatcher.submit(transition("VI_2", i));
            dispatcher.submit(transition("VI_3", i));
        }
        long submitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(submitMillis < 1_000, "1500 submits took " + submitMillis + " ms on the loop thread");
        awaitTrue(() -> vi1.seen.size() == 500 && vi3.seen.size() == 500, Duration.ofSeconds(10));
        assertEquals(sequence(0, 500), vi1.seen.stream().map(Transition::effectivePriority).toList());
        assertEquals(sequence(0, 500), vi3.seen.stream().map(Transition::effectivePriority).toList());
        assertTrue(vi1.seen.stream().allMatch(t -> t.name().equals("VI_1")));
    }

    @Test
    void aThrowingNotifierIsCountedAndTheNextTransitionIsStillDelivered() {
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        Notifier throwsFirst = transition -> {
            if (transition.effectivePriority() == 0) {
                throw new IllegalStateException("plugin bug");
            }
            delivered.add(transition.effectivePriority());
        };
        NotificationDispatcher dispatcher = dispatcher(FAST, attach(throwsFirst, "script", NotifySubject.instance("VI_1")));

        dispatcher.submit(transition("VI_1", 0));
        dispatcher.submit(transition("VI_1", 1));

        awaitTrue(() -> delivered.size() == 1, Duration.ofSeconds(5));
        NotifierStats stats = dispatcher.stats().get(0);
        assertEquals(new NotifierStats("script", "test-plugin", "VI_1", 1, 1, 0, 0), stats);
    }

    @Test
    void aCallPastTheTimeoutIsInterruptedCountedAndTheNextTransitionDelivered() {
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        Notifier slowFirst = transition -> {
            if (transition.effectivePriority() == 0) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.add(true);
                    throw e;
                }
            }
            delivered.add(transition.effectivePriority());
        };
        NotificationDispatcher dispatcher = dispatcher(FAST, attach(slowFirst, "script", NotifySubject.instance("VI_1")));

        long start = System.nanoTime();
        dispatcher.submit(transition("VI_1", 0));
        dispatcher.submit(transition("VI_1", 1));
        awaitTrue(() -> delivered.size() == 1, Duration.ofSeconds(5));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(List.of(true), interrupted);
        assertEquals(List.of(1), delivered);
        assertTrue(tookMillis >= 190 && tookMillis < 3_000, "took " + tookMillis + " ms for a 200 ms timeout");
        assertEquals(new NotifierStats("script", "test-plugin", "VI_1", 1, 0, 1, 0), dispatcher.stats().get(0));
    }

    @Test
    void closeDeliversEverythingPendingThenClosesTheNotifier() {
        Recording slow = new Recording() {
            @Override
            public void notify(Transition transition) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.notify(transition);
            }
        };
        NotificationDispatcher dispatcher = dispatcher(FAST, attach(slow, "script", NotifySubject.instance("VI_1")));
        for (int i = 0; i < 20; i++) {
            dispatcher.submit(transition("VI_1", i));
        }
        Transition stop = new Transition(Transition.Subject.INSTANCE, "VI_1", VrrpState.MASTER, VrrpState.STOP, 100,
                "shutdown", Instant.now());
        dispatcher.submit(stop);

        dispatcher.close();

        assertEquals(21, slow.seen.size());
        assertSame(stop, slow.seen.get(20));
        assertTrue(slow.closedAt != null && !slow.closedAt.isBefore(slow.lastSeenAt), "closed after the last transition");
        dispatcher.submit(transition("VI_1", 99));
        assertEquals(1, dispatcher.stats().get(0).dropped(), "a transition after close is dropped and counted");
    }

    @Test
    void closeIsBoundedWhenANotifierHangsAndStillDrainsTheOthers() {
        Recording healthy = new Recording();
        DeliveryLimits limits = new DeliveryLimits(Duration.ofSeconds(30), Duration.ofMillis(300), 1000);
        NotificationDispatcher dispatcher = dispatcher(limits,
                attach(hanging(), "fifo", NotifySubject.instance("VI_1")),
                attach(healthy, "script", NotifySubject.instance("VI_1")));
        dispatcher.submit(transition("VI_1", 0));
        dispatcher.submit(transition("VI_1", 1));

        long start = System.nanoTime();
        dispatcher.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(tookMillis < 2_000, "close took " + tookMillis + " ms with a 300 ms bound");
        assertEquals(2, healthy.seen.size());
        assertEquals(1, dispatcher.stats().get(0).dropped(), "the hung lane's second transition never ran");
    }

    @Test
    void everyCallRunsWithThePluginsClassLoaderAsContextLoader() throws Exception {
        Recording recording = new Recording();
        try (URLClassLoader pluginLoader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            NotificationDispatcher dispatcher = dispatcher(FAST,
                    attach(recording, "script", pluginLoader, NotifySubject.instance("VI_1")));
            dispatcher.submit(transition("VI_1", 0));
            dispatcher.close();
            assertEquals(List.of(pluginLoader), recording.loaders);
        }
    }

    @Test
    void aTransitionOfASubjectWithoutNotifiersIsIgnored() {
        Recording recording = new Recording();
        NotificationDispatcher dispatcher = dispatcher(FAST, attach(recording, "script", NotifySubject.group("VI_1")));
        dispatcher.submit(transition("VI_1", 0));
        dispatcher.close();
        assertFalse(recording.seen.stream().findAny().isPresent(), "an instance and a group of one name are different subjects");
    }

    private static List<Integer> sequence(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i < to; i++) {
            numbers.add(i);
        }
        return Collections.unmodifiableList(numbers);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + limit);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
