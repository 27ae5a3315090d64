package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hakeeper.api.VrrpState;

/**
 * "Cannot send" (no address to send from, no socket) is a condition of its own, not a link state: it holds
 * the instance in FAULT whatever dont_track_primary says and whatever the link does, and only its end lets
 * the instance out.
 */
class CannotSendTest {

    private static final byte[] NONE = {0, 0, 0, 0};
    private static final byte[] FOUND = {(byte) 192, 0, 2, 1};
    private final ActionBuffer out = new ActionBuffer();

    private InstanceMachine machine(int priority, boolean dontTrackPrimary) {
        return new InstanceMachine(new InstanceParameters("VI_1", 3, 1, priority, 100, false, 0, NONE,
                dontTrackPrimary, List.of()), out);
    }

    private List<Action> drain() {
        return BufferedActions.drain(out);
    }

    @ParameterizedTest(name = "dont_track_primary {0}")
    @ValueSource(booleans = {false, true})
    void noAddressToSendFromIsFaultWithItsOwnCauseAndSendsNothing(boolean dontTrackPrimary) {
        InstanceMachine m = machine(150, dontTrackPrimary);
        m.onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 0);
        m.onStart(0);

        List<Action> actions = drain();
        assertEquals(1, actions.size(), actions::toString);
        StateChange change = (StateChange) actions.get(0);
        assertEquals(VrrpState.FAULT, change.to());
        assertEquals(TransitionCause.NO_SOURCE_ADDRESS, change.cause());
        assertEquals("no address to send from", change.cause().text());
        assertEquals(TransitionCause.NO_SOURCE_ADDRESS, m.faultReason());
        assertEquals(InstanceMachine.NO_DEADLINE, m.nextDeadlineNanos());
        assertEquals(0, m.counter(VrrpCounter.ADVERT_SENT));
    }

    @ParameterizedTest(name = "dont_track_primary {0}")
    @ValueSource(booleans = {false, true})
    void aLinkFlapDoesNotClearTheFaultWhileThereIsNothingToSendFrom(boolean dontTrackPrimary) {
        InstanceMachine m = machine(150, dontTrackPrimary);
        m.onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 0);
        m.onStart(0);
        m.onInterfaceChange(false, 10);
        m.onInterfaceChange(true, 20);
        m.onTimer(5_000_000_000L);

        assertEquals(VrrpState.FAULT, m.state());
        assertEquals(TransitionCause.NO_SOURCE_ADDRESS, m.faultReason());
        drain().forEach(action -> assertFalse(action == Effect.SEND_ADVERT || action == Effect.ADD_VIPS,
                "sent or took VIPs: " + action));
    }

    @Test
    void anAddressThatAppearsLetsItOutAsBackupAndTheElectionComparesThatAddress() {
        InstanceMachine m = machine(150, false);
        m.onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 0);
        m.onStart(0);
        drain();

        m.onCanSend(FOUND, 100);

        StateChange change = (StateChange) drain().get(0);
        assertEquals(VrrpState.FAULT, change.from());
        assertEquals(VrrpState.BACKUP, change.to());
        assertEquals(TransitionCause.CAN_SEND, change.cause());
        assertNull(m.faultReason());
        assertNull(m.cannotSend());
        m.onTimer(m.nextDeadlineNanos());
        assertEquals(VrrpState.MASTER, m.state(), "elects normally once it can send");
        // a peer of equal priority with a lower address loses to the address found, not to 0.0.0.0
        m.onAdvert(new FixedAdvert(150, new byte[] {(byte) 192, 0, 2, 0}), m.nextDeadlineNanos() - 1);
        assertEquals(VrrpState.MASTER, m.state());
    }

    @Test
    void theLinkComingBackDoesNotClearNoSocketButAnOpenedSocketDoes() {
        InstanceMachine m = machine(255, true);
        m.onCannotSend(TransitionCause.NO_SOCKET, 0);
        m.onStart(0);
        m.onInterfaceChange(true, 1);
        assertEquals(VrrpState.FAULT, m.state(), "an address owner that cannot send must not go master");

        m.onCanSend(FOUND, 2);
        assertEquals(VrrpState.MASTER, m.state());
    }

    @Test
    void anInterfaceDownStillHoldsTheFaultAfterSendingIsPossibleAgain() {
        InstanceMachine m = machine(150, false);
        m.onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 0);
        m.onInterfaceChange(false, 0);
        m.onStart(0);
        m.onCanSend(FOUND, 1);
        assertEquals(VrrpState.FAULT, m.state());
        assertEquals(TransitionCause.INTERFACE_DOWN, m.faultReason());
    }

    @Test
    void aMasterWhoseAddressGoesReleasesItsVipsWithoutAnAdvertItCouldNotSend() {
        InstanceMachine m = new InstanceMachine(new InstanceParameters("VI_1", 3, 1, 150, 100, false, 0, FOUND,
                false, List.of()), out);
        m.onStart(0);
        m.onTimer(m.nextDeadlineNanos());
        assertEquals(VrrpState.MASTER, m.state());
        drain();

        m.onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 5_000_000_000L);

        List<Action> actions = drain();
        assertEquals(Effect.REMOVE_VIPS, actions.get(0), actions::toString);
        assertEquals(TransitionCause.NO_SOURCE_ADDRESS, ((StateChange) actions.get(1)).cause());
        assertEquals(2, actions.size(), actions::toString);
        assertEquals(0, m.counter(VrrpCounter.PRI_ZERO_SENT));
    }

    @Test
    void onlyTheReasonsForNotSendingAreAccepted() {
        InstanceMachine m = machine(150, false);
        assertThrows(IllegalArgumentException.class, () -> m.onCannotSend(TransitionCause.INTERFACE_DOWN, 0));
        assertThrows(IllegalArgumentException.class, () -> m.onCanSend(new byte[16], 0));
        assertArrayEquals(NONE, m.parameters().primaryAddress());
    }

    /** An accepted advert of the given priority from the given source. */
    private record FixedAdvert(int priority, byte[] source) implements ReceivedAdvert {
        @Override
        public int intervalCentiseconds() {
            return 100;
        }

        @Override
        public int compareSourceAddressTo(byte[] address) {
            return java.util.Arrays.compareUnsigned(source, address);
        }
    }
}
