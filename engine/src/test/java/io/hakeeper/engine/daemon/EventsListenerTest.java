package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.control.EventHub;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.TransitionCause;

/**
 * The loop hands every transition to the events listener: with no {@code ha-admin events} client it must
 * cost nothing (1,000 transitions at the start of a daemon of 1,000 instances), and a client still gets
 * every one.
 */
class EventsListenerTest {

    private static final int TRANSITIONS = 10_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final EventHub hub = new EventHub();
    private final EventsListener listener = new EventsListener(hub);
    private final StateChange change = new StateChange(Transition.Subject.INSTANCE, "VI_1", VrrpState.INIT,
            VrrpState.BACKUP, 100, TransitionCause.STARTUP, 0);

    @Test
    void withoutAClientATransitionBuildsNothing() {
        transitions(TRANSITIONS); // warm-up
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        transitions(TRANSITIONS);
        long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        // the counter's own reading allocates a few dozen bytes; one event line is hundreds
        assertTrue(allocated < 1_000, allocated + " bytes for " + TRANSITIONS + " transitions nobody listens to");
    }

    @Test
    void aClientGetsEveryTransition() throws Exception {
        try (EventHub.Subscription client = hub.subscribe()) {
            transitions(3);
            for (int i = 0; i < 3; i++) {
                String line = client.poll(1_000);
                assertTrue(line != null && line.contains("\"event\": \"transition\"") && line.contains("\"VI_1\"")
                        && line.contains("\"BACKUP\""), "event line " + i + ": " + line);
            }
            assertEquals(null, client.poll(0));
        }
    }

    private void transitions(int count) {
        for (int i = 0; i < count; i++) {
            listener.transition(change);
        }
    }
}
