package io.hakeeper.engine.vrrp;

import static io.hakeeper.engine.vrrp.Tracking.FAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.TrackKind;

/** keepalived's weight arithmetic for one tracked item (vrrp_track.c), and its sum over an instance's items. */
class TrackingTest {

    private static int script(int weight, boolean reverse, TrackedStatus status) {
        return Tracking.effect(new TrackedItem(TrackKind.SCRIPT, "chk", weight, reverse), status, 0);
    }

    private static int file(int weight, boolean reverse, long value) {
        return Tracking.effect(new TrackedItem(TrackKind.FILE, "f", weight, reverse), TrackedStatus.UP, value);
    }

    @Test
    void aPositiveWeightIsAddedWhileUp() {
        assertEquals(20, script(20, false, TrackedStatus.UP));
        assertEquals(0, script(20, false, TrackedStatus.DOWN));
    }

    @Test
    void aNegativeWeightIsSubtractedWhileDown() {
        assertEquals(-20, script(-20, false, TrackedStatus.DOWN));
        assertEquals(0, script(-20, false, TrackedStatus.UP));
    }

    @Test
    void reverseTurnsTheSignOfWhatIsAdded() {
        assertEquals(-20, script(20, true, TrackedStatus.UP));
        assertEquals(20, script(-20, true, TrackedStatus.DOWN));
        assertEquals(0, script(-20, true, TrackedStatus.UP));
    }

    @Test
    void aReversedPositiveWeightIsSubtractedWhileUpNotAddedWhileDown() {
        assertEquals(-15, script(15, true, TrackedStatus.UP));
        assertEquals(0, script(15, true, TrackedStatus.DOWN));
        assertEquals(-15, Tracking.effect(new TrackedItem(TrackKind.INTERFACE, "eth1", 15, true), TrackedStatus.UP, 0));
    }

    @Test
    void weightZeroMeansFaultWhileDownOrWhileUpWhenReversed() {
        assertEquals(FAULT, script(0, false, TrackedStatus.DOWN));
        assertEquals(0, script(0, false, TrackedStatus.UP));
        assertEquals(FAULT, script(0, true, TrackedStatus.UP));
        assertEquals(0, script(0, true, TrackedStatus.DOWN));
    }

    @Test
    void beforeTheFirstResultWeightZeroHoldsTheInstanceAndOtherWeightsCountNothing() {
        assertEquals(FAULT, script(0, false, TrackedStatus.INITIALISING));
        assertEquals(0, script(-30, false, TrackedStatus.INITIALISING));
        assertEquals(0, script(30, true, TrackedStatus.INITIALISING));
    }

    @Test
    void processesWeighAsScriptsDo() {
        assertEquals(-10,
                Tracking.effect(new TrackedItem(TrackKind.PROCESS, "haproxy", -10, false), TrackedStatus.DOWN, 0));
    }

    @Test
    void aFileValueIsMultipliedByTheWeight() {
        assertEquals(-30, file(3, false, -10));
        assertEquals(30, file(3, true, -10));
        assertEquals(50, file(1, false, 50));
    }

    @Test
    void aWeightedFileValueIsBoundedAndMinus254IsFault() {
        assertEquals(253, file(10, false, 100));
        assertEquals(-253, file(1, false, -253));
        assertEquals(FAULT, file(1, false, -254));
        assertEquals(FAULT, file(254, false, -1_000_000));
        assertEquals(FAULT, file(-1, false, Long.MAX_VALUE), "the value read is bounded before it is weighted");
    }

    @Test
    void aFileWithWeightZeroIsFaultWhenNonZeroOrWhenZeroIfReversed() {
        assertEquals(FAULT, file(0, false, 1));
        assertEquals(0, file(0, false, 0));
        assertEquals(FAULT, file(0, true, 0));
        assertEquals(0, file(0, true, 7));
    }

    @Test
    void aFileThatCouldNotBeReadWeighsAsZero() {
        assertEquals(0, Tracking.effect(new TrackedItem(TrackKind.FILE, "f", 5, false), TrackedStatus.DOWN, 40));
        assertEquals(FAULT, Tracking.effect(new TrackedItem(TrackKind.FILE, "f", 0, true), TrackedStatus.DOWN, 40));
    }

    @Test
    void theInstanceAddsItsItemsAndIsInFaultWhileAnyDemandsIt() {
        Tracking tracking = new Tracking(List.of(
                new TrackedItem(TrackKind.SCRIPT, "plus", 20, false),
                new TrackedItem(TrackKind.SCRIPT, "reversed", 7, true),
                new TrackedItem(TrackKind.FILE, "f", 1, false)));
        tracking.update(TrackKind.SCRIPT, "plus", TrackedStatus.UP);
        tracking.update(TrackKind.SCRIPT, "reversed", TrackedStatus.UP);
        tracking.updateFileValue("f", -5);
        assertEquals(20 - 7 - 5, tracking.weightSum());
        assertFalse(tracking.demandsFault());

        tracking.updateFileValue("f", -254);
        assertEquals(20 - 7, tracking.weightSum(), "a file in FAULT adds nothing");
        assertTrue(tracking.demandsFault());
    }
}
