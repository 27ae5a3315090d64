package io.hakeeper.engine.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TimerQueueTest {

    @Test
    void timersComeOutInDeadlineOrder() {
        TimerQueue queue = new TimerQueue();
        Timer a = timer("a");
        Timer b = timer("b");
        Timer c = timer("c");
        queue.schedule(a, 30);
        queue.schedule(b, 10);
        queue.schedule(c, 20);
        assertEquals(List.of(b, c, a), List.of(queue.poll(), queue.poll(), queue.poll()));
        assertTrue(queue.isEmpty());
    }

    @Test
    void reArmingMovesTheSameTimerInsteadOfAddingAnother() {
        TimerQueue queue = new TimerQueue();
        Timer a = timer("a");
        Timer b = timer("b");
        queue.schedule(a, 10);
        queue.schedule(b, 20);
        queue.schedule(a, 30);
        assertEquals(b, queue.poll());
        assertEquals(a, queue.poll());
        assertTrue(queue.isEmpty());
    }

    @Test
    void cancellingDisarmsAndIsHarmlessTwice() {
        TimerQueue queue = new TimerQueue();
        Timer a = timer("a");
        queue.schedule(a, 10);
        queue.cancel(a);
        queue.cancel(a);
        assertFalse(a.isArmed());
        assertEquals(Timer.DISARMED, queue.earliestDeadline());
    }

    /** Any sequence of arm, re-arm and cancel gives the order a sorted list would. */
    @Test
    void agreesWithASortedListOverRandomOperations() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            TimerQueue queue = new TimerQueue();
            List<Timer> timers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                timers.add(timer("t" + i));
            }
            for (int op = 0; op < 200; op++) {
                Timer t = timers.get(random.nextInt(timers.size()));
                if (random.nextInt(4) == 0) {
                    queue.cancel(t);
                } else {
                    queue.schedule(t, random.nextLong(1000));
                }
            }
            List<Timer> expected = timers.stream().filter(Timer::isArmed)
                    .sorted(Comparator.comparingLong(Timer::deadline)).toList();
            List<Long> drained = new ArrayList<>();
            while (!queue.isEmpty()) {
                drained.add(queue.poll().deadline());
            }
            assertEquals(expected.stream().map(Timer::deadline).toList(), drained, "round " + round);
        }
    }

    private static Timer timer(String name) {
        return new Timer(name, () -> { });
    }
}
