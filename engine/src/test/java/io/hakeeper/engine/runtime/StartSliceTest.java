package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.StateChange;

/**
 * The start of many instances, on virtual time where each start costs what the test says: instances start
 * for a slice of time per loop turn, the loop reading its sockets between the slices, so that a slow start
 * cannot keep the backups from hearing their masters, while cheap starts all happen in one turn; either way
 * the master-down timers run out together.
 */
class StartSliceTest {

    private static final long MICROSECOND = 1_000L;
    private static final long SECOND = 1_000_000_000L;

    private long now = SECOND;
    /** What a start costs: the side effects of its transition move the virtual clock on by this much. */
    private long startCost;
    /** What the loop did, in order: "read" for a socket read, else the name of the instance that started. */
    private final List<String> events = new ArrayList<>();
    private final LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
    private final VrrpRuntime runtime = new VrrpRuntime(loop, () -> now, new ActionBuffer(), new CostlyStarts());

    @Test
    void slowStartsLeaveTheLoopEverySliceToReadItsSockets() throws Exception {
        addInstances(30);
        startCost = 300 * MICROSECOND;

        runtime.start();
        turnsOfTheLoop(10);

        List<Integer> slices = startsBetweenReads();
        int perSlice = (int) ((VrrpRuntime.START_SLICE_NANOS + startCost - 1) / startCost);
        assertEquals(30, slices.stream().mapToInt(Integer::intValue).sum(), "every instance started once");
        assertEquals(perSlice, slices.get(0), "the first slice, before the loop turned");
        for (int slice : slices) {
            assertTrue(slice <= perSlice, "a slice ran past its time: " + slices);
        }
        assertTrue(slices.size() >= 30 / perSlice, "the sockets were not read between the slices: " + slices);
    }

    @Test
    void cheapStartsAllHappenInOneTurnAndTheirMasterDownTimersRunOutTogether() throws Exception {
        List<InstanceRuntime> instances = addInstances(1000);
        startCost = 0;

        runtime.start();

        assertEquals(1000, events.size(), "instances left for later turns: " + startsBetweenReads());
        long deadline = instances.get(0).timer().deadline();
        for (InstanceRuntime instance : instances) {
            assertEquals(deadline, instance.timer().deadline(), instance.label());
        }
    }

    @Test
    void aStartSlowerThanTheSliceStillStartsOnePerTurn() throws Exception {
        addInstances(3);
        startCost = 5 * VrrpRuntime.START_SLICE_NANOS;

        runtime.start();
        turnsOfTheLoop(5);

        assertEquals(List.of(1, 1, 1), startsBetweenReads());
    }

    /**
     * Started over several turns, the backups still listen from the elections' start (adverts read for them
     * before their own start count: ListeningBeforeStartTest), so their master-down timers run out together
     * rather than as spread as the starts.
     */
    @Test
    void everyMasterDownTimerRunsFromTheElectionsStart() throws Exception {
        List<InstanceRuntime> instances = addInstances(10);
        startCost = 300 * MICROSECOND;
        long electionsStart = now;

        runtime.start();
        turnsOfTheLoop(5);

        assertTrue(startsBetweenReads().size() > 1, "the starts were not spread over turns: " + events);
        long masterDown = instances.get(0).machine().masterDownIntervalNanos();
        for (InstanceRuntime instance : instances) {
            assertEquals(electionsStart + masterDown, instance.timer().deadline(),
                    instance.label() + " does not listen from the elections' start");
        }
    }

    private List<InstanceRuntime> addInstances(int count) throws Exception {
        List<InstanceRuntime> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(TestInstances.add(runtime, "VI_" + i, i % 255 + 1, 100, List.of()));
        }
        return added;
    }

    /** The loop as EventLoop runs it: read the sockets, then run what is due. */
    private void turnsOfTheLoop(int turns) {
        for (int i = 0; i < turns; i++) {
            events.add("read");
            loop.runDue(++now);
        }
    }

    /** How many instances started between one socket read and the next. */
    private List<Integer> startsBetweenReads() {
        List<Integer> slices = new ArrayList<>();
        int count = 0;
        for (String event : events) {
            if (event.equals("read")) {
                if (count > 0) {
                    slices.add(count);
                }
                count = 0;
            } else {
                count++;
            }
        }
        if (count > 0) {
            slices.add(count);
        }
        return slices;
    }

    private final class CostlyStarts extends NoSideEffects {
        @Override
        public void stateChanged(StateChange change) {
            assertEquals(VrrpState.BACKUP, change.to());
            events.add(change.name());
            now += startCost;
        }
    }
}
