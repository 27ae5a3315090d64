package io.hakeeper.engine.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The loop's logic on virtual time: what runs, in which order, and what is counted. */
class LoopCoreTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LoopCore core = new LoopCore(new LatenessTracker(5 * MS));
    private final List<String> ran = new ArrayList<>();

    @Test
    void onlyTimersDueByNowRunAndTheNextDeadlineIsReturned() {
        core.schedule(core.newTimer("a", () -> ran.add("a")), 10 * MS);
        core.schedule(core.newTimer("b", () -> ran.add("b")), 20 * MS);
        assertEquals(10 * MS, core.runDue(5 * MS));
        assertEquals(List.of(), ran);
        assertEquals(20 * MS, core.runDue(10 * MS));
        assertEquals(List.of("a"), ran);
    }

    @Test
    void tasksHandedInRunBeforeTimers() {
        core.schedule(core.newTimer("timer", () -> ran.add("timer")), 0);
        core.submit(() -> ran.add("task"));
        core.runDue(1);
        assertEquals(List.of("task", "timer"), ran);
    }

    @Test
    void aTimerMayReArmItselfWithoutRunningTwiceInOnePass() {
        Timer[] self = new Timer[1];
        self[0] = core.newTimer("advert", () -> {
            ran.add("advert");
            core.schedule(self[0], self[0].deadline() + 100 * MS);
        });
        core.schedule(self[0], 100 * MS);
        assertEquals(200 * MS, core.runDue(100 * MS));
        assertEquals(300 * MS, core.runDue(250 * MS));
        assertEquals(List.of("advert", "advert"), ran);
    }

    @Test
    void lateTimersAreCountedWithTheWorstLateness() {
        core.schedule(core.newTimer("on-time", () -> { }), 10 * MS);
        core.runDue(12 * MS);
        core.schedule(core.newTimer("late", () -> { }), 20 * MS);
        core.runDue(50 * MS);
        assertEquals(2, core.lateness().fired());
        assertEquals(1, core.lateness().late());
        assertEquals(30 * MS, core.lateness().worstNanos());
    }

    @Test
    void aThrowingTaskIsCountedAndTheOthersStillRun() {
        core.submit(() -> {
            throw new IllegalStateException("broken instance");
        });
        core.submit(() -> ran.add("next"));
        core.schedule(core.newTimer("timer", () -> ran.add("timer")), 0);
        core.runDue(0);
        assertEquals(List.of("next", "timer"), ran);
        assertEquals(1, core.failures());
    }

    @Test
    void aTimerThatWantsItGetsItsHeadsUpOnceTheLeadBeforeItsDeadline() {
        Timer timer = core.newTimer("master-down", () -> ran.add("fired"), () -> ran.add("heads-up"));
        timer.wantHeadsUp(true);
        core.schedule(timer, 100 * MS);
        long headsUpAt = 100 * MS - LoopCore.HEADS_UP_LEAD_NANOS;

        assertEquals(headsUpAt, core.runDue(0), "the loop would not wake for the heads-up");
        assertEquals(headsUpAt, core.runDue(headsUpAt - 1));
        assertEquals(List.of(), ran);
        assertEquals(100 * MS, core.runDue(headsUpAt));
        assertEquals(List.of("heads-up"), ran);
        assertEquals(100 * MS, core.runDue(headsUpAt + 1), "a second heads-up for the same deadline");
        assertEquals(Long.MIN_VALUE, core.runDue(100 * MS));
        assertEquals(List.of("heads-up", "fired"), ran);
    }

    @Test
    void aDeadlineMovedAfterItsHeadsUpGetsAnotherAndOneNearerThanTheLeadGetsItAtOnce() {
        Timer timer = core.newTimer("master-down", () -> ran.add("fired"), () -> ran.add("heads-up"));
        timer.wantHeadsUp(true);
        core.schedule(timer, 100 * MS);
        core.runDue(100 * MS - LoopCore.HEADS_UP_LEAD_NANOS);
        // an advert came after all: the deadline moves later, lazily, and the new one gets its own heads-up
        core.postpone(timer, 400 * MS);
        assertEquals(400 * MS - LoopCore.HEADS_UP_LEAD_NANOS, core.runDue(100 * MS));
        core.runDue(400 * MS - LoopCore.HEADS_UP_LEAD_NANOS);
        assertEquals(List.of("heads-up", "heads-up"), ran);

        core.schedule(timer, 401 * MS);
        assertEquals(401 * MS, core.runDue(400 * MS));
        assertEquals(List.of("heads-up", "heads-up", "heads-up"), ran, "a near deadline got no heads-up");
    }

    @Test
    void aTimerThatWantsTheWarmUpGetsItTheLongerLeadBeforeItsDeadlineOncePerDeadline() {
        core.onWarmUp(() -> ran.add("warm-up"));
        Timer timer = core.newTimer("master-down", () -> ran.add("fired"), () -> ran.add("heads-up"));
        timer.wantHeadsUp(true);
        timer.wantWarmUp(true);
        long deadline = 1_000 * MS;
        core.schedule(timer, deadline);
        long warmUpAt = deadline - LoopCore.WARM_UP_LEAD_NANOS;
        long headsUpAt = deadline - LoopCore.HEADS_UP_LEAD_NANOS;

        assertEquals(warmUpAt, core.runDue(0), "the loop would not wake for the warm-up");
        assertEquals(headsUpAt, core.runDue(warmUpAt));
        assertEquals(headsUpAt, core.runDue(warmUpAt + 1), "a second warm-up for the same deadline");
        assertEquals(List.of("warm-up"), ran);
        // an advert came after all: the later deadline gets a warm-up of its own
        core.postpone(timer, 2 * deadline);
        assertEquals(2 * deadline - LoopCore.WARM_UP_LEAD_NANOS, core.runDue(warmUpAt + 2));
        core.runDue(2 * deadline - LoopCore.HEADS_UP_LEAD_NANOS);
        assertEquals(Long.MIN_VALUE, core.runDue(2 * deadline));
        assertEquals(List.of("warm-up", "warm-up", "heads-up", "fired"), ran);
    }

    @Test
    void aTimerThatDoesNotWantItOrHasNoneWakesTheLoopOnlyForItsDeadline() {
        Timer unwanted = core.newTimer("advert", () -> ran.add("advert"), () -> ran.add("heads-up"));
        core.schedule(unwanted, 100 * MS);
        Timer without = core.newTimer("other", () -> ran.add("other"));
        without.wantHeadsUp(true);
        core.schedule(without, 200 * MS);

        assertEquals(100 * MS, core.runDue(0));
        assertEquals(200 * MS, core.runDue(100 * MS));
        assertEquals(Long.MIN_VALUE, core.runDue(200 * MS));
        assertEquals(List.of("advert", "other"), ran);
    }
}
