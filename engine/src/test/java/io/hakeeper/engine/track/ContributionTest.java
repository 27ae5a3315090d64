package io.hakeeper.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;
import io.hakeeper.engine.track.Contribution.Effect;

/** keepalived's weight arithmetic for one tracked entry. */
class ContributionTest {

    private static Contribution script(int weight, boolean reverse, TrackerState state) {
        return Contribution.of(TrackKind.SCRIPT, new Tracked("chk", weight, reverse), state, 0);
    }

    private static Contribution file(int weight, boolean reverse, long value) {
        return Contribution.of(TrackKind.FILE, new Tracked("f", weight, reverse), TrackerState.UP, value);
    }

    private static Contribution priority(int change) {
        return new Contribution(Effect.PRIORITY, change);
    }

    private static final Contribution FAULT = new Contribution(Effect.FAULT, 0);

    @Test
    void aPositiveWeightIsAddedWhileUp() {
        assertEquals(priority(20), script(20, false, TrackerState.UP));
        assertEquals(priority(0), script(20, false, TrackerState.DOWN));
    }

    @Test
    void aNegativeWeightIsSubtractedWhileDown() {
        assertEquals(priority(-20), script(-20, false, TrackerState.DOWN));
        assertEquals(priority(0), script(-20, false, TrackerState.UP));
    }

    @Test
    void reverseTurnsTheSignOfWhatIsAdded() {
        assertEquals(priority(-20), script(20, true, TrackerState.UP));
        assertEquals(priority(20), script(-20, true, TrackerState.DOWN));
        assertEquals(priority(0), script(-20, true, TrackerState.UP));
    }

    @Test
    void weightZeroMeansFaultWhileDownOrWhileUpWhenReversed() {
        assertEquals(FAULT, script(0, false, TrackerState.DOWN));
        assertEquals(priority(0), script(0, false, TrackerState.UP));
        assertEquals(FAULT, script(0, true, TrackerState.UP));
        assertEquals(priority(0), script(0, true, TrackerState.DOWN));
    }

    @Test
    void beforeTheFirstResultWeightZeroHoldsTheInstanceAndOtherWeightsCountNothing() {
        assertEquals(new Contribution(Effect.AWAITING_FIRST_RESULT, 0), script(0, false, TrackerState.INIT));
        assertEquals(priority(0), script(-30, false, TrackerState.INIT));
    }

    @Test
    void processesWeighAsScriptsDo() {
        assertEquals(priority(-10),
                Contribution.of(TrackKind.PROCESS, new Tracked("haproxy", -10, false), TrackerState.DOWN, 0));
    }

    @Test
    void aFileValueIsMultipliedByTheWeight() {
        assertEquals(priority(-30), file(3, false, -10));
        assertEquals(priority(30), file(3, true, -10));
        assertEquals(priority(50), file(1, false, 50));
    }

    @Test
    void aWeightedFileValueIsBoundedAndMinus254IsFault() {
        assertEquals(priority(253), file(10, false, 100));
        assertEquals(priority(-253), file(1, false, -253));
        assertEquals(FAULT, file(1, false, -254));
        assertEquals(FAULT, file(254, false, -1_000_000));
    }

    @Test
    void aFileWithWeightZeroIsFaultWhenNonZeroOrWhenZeroIfReversed() {
        assertEquals(FAULT, file(0, false, 1));
        assertEquals(priority(0), file(0, false, 0));
        assertEquals(FAULT, file(0, true, 0));
        assertEquals(priority(0), file(0, true, 7));
    }

    @Test
    void aFileThatCouldNotBeReadWeighsAsZero() {
        assertEquals(priority(0),
                Contribution.of(TrackKind.FILE, new Tracked("f", 5, false), TrackerState.DOWN, 40));
        assertEquals(FAULT, Contribution.of(TrackKind.FILE, new Tracked("f", 0, true), TrackerState.DOWN, 40));
    }
}
