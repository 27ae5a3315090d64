package io.hakeeper.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.CheckResult;
import io.hakeeper.engine.vrrp.TrackedStatus;

/** keepalived's vrrp_script counting, one rule per test, on virtual time (a run per second). */
class CheckTrackerTest {

    private static final CheckResult OK = CheckResult.up();
    private static final CheckResult KO = CheckResult.down("exit status 1");
    private static final long SECOND = 1_000_000_000L;

    private long now;

    private boolean feed(CheckTracker tracker, CheckResult result) {
        now += SECOND;
        return tracker.record(result, now);
    }

    @Test
    void theFirstResultDecidesAtOnceWhateverRiseAndFallSay() {
        CheckTracker up = new CheckTracker(5, 5, false, Duration.ZERO);
        assertEquals(TrackedStatus.INITIALISING, up.state());
        assertTrue(feed(up, OK));
        assertEquals(TrackedStatus.UP, up.state());

        CheckTracker down = new CheckTracker(5, 5, false, Duration.ZERO);
        assertTrue(feed(down, KO));
        assertEquals(TrackedStatus.DOWN, down.state());
    }

    @Test
    void upFallsOnlyAfterFallFailuresInARow() {
        CheckTracker tracker = new CheckTracker(2, 3, false, Duration.ZERO);
        feed(tracker, OK);
        assertFalse(feed(tracker, KO));
        assertFalse(feed(tracker, KO));
        assertEquals(TrackedStatus.UP, tracker.state());
        assertTrue(feed(tracker, KO));
        assertEquals(TrackedStatus.DOWN, tracker.state());
    }

    @Test
    void aSuccessBetweenFailuresStartsTheFallCountAgain() {
        CheckTracker tracker = new CheckTracker(1, 2, false, Duration.ZERO);
        feed(tracker, OK);
        feed(tracker, KO);
        feed(tracker, OK);
        assertFalse(feed(tracker, KO));
        assertEquals(TrackedStatus.UP, tracker.state());
        assertTrue(feed(tracker, KO));
    }

    @Test
    void downRisesOnlyAfterRiseSuccessesInARowAndAFailureResetsTheCount() {
        CheckTracker tracker = new CheckTracker(3, 1, false, Duration.ZERO);
        feed(tracker, KO);
        feed(tracker, OK);
        feed(tracker, OK);
        feed(tracker, KO);
        assertEquals(TrackedStatus.DOWN, tracker.state());
        assertFalse(feed(tracker, OK));
        assertFalse(feed(tracker, OK));
        assertTrue(feed(tracker, OK));
        assertEquals(TrackedStatus.UP, tracker.state());
    }

    @Test
    void initFailStartsDownAndNeedsRiseSuccesses() {
        CheckTracker tracker = new CheckTracker(2, 1, true, Duration.ZERO);
        assertEquals(TrackedStatus.DOWN, tracker.state());
        assertFalse(feed(tracker, OK));
        assertEquals(TrackedStatus.DOWN, tracker.state());
        assertTrue(feed(tracker, OK));
        assertEquals(TrackedStatus.UP, tracker.state());
    }

    @Test
    void valuesAreTakenAsTheyComeAndOnlyAChangeIsReported() {
        CheckTracker tracker = new CheckTracker(3, 3, false, Duration.ZERO);
        assertTrue(feed(tracker, CheckResult.value(-20)));
        assertEquals(TrackedStatus.UP, tracker.state());
        assertEquals(-20, tracker.value());
        assertFalse(feed(tracker, CheckResult.value(-20)));
        assertTrue(feed(tracker, CheckResult.value(5)));
        assertEquals(5, tracker.value());
    }

    @Test
    void aChangeMustLastTheSettleTimeBeforeItCounts() {
        CheckTracker tracker = new CheckTracker(1, 1, false, Duration.ofMillis(2500));
        feed(tracker, OK);
        assertFalse(feed(tracker, KO), "t=2s: lost, for 0 s");
        assertFalse(feed(tracker, KO), "t=3s: lost for 1 s");
        assertFalse(feed(tracker, OK), "t=4s: back: the pending change is forgotten");
        assertFalse(feed(tracker, KO));
        assertFalse(feed(tracker, KO));
        assertFalse(feed(tracker, KO));
        assertTrue(feed(tracker, KO), "lost for 3 s >= 2.5 s");
        assertEquals(TrackedStatus.DOWN, tracker.state());
    }
}
