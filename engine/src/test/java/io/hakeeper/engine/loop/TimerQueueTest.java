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

    @Test
    void aPostponedTimerComesOutAtItsNewDeadlineOnlyAndTheQueueReportsThatOne() {
        TimerQueue queue = new TimerQueue();
        Timer a = timer("a");
        Timer b = timer("b");
        queue.schedule(a, 10);
        queue.schedule(b, 20);

        queue.postpone(a, 30);

        assertEquals(30, a.deadline());
        assertEquals(20, queue.earliestDeadline(), "the old deadline would wake the loop for nothing");
        assertEquals(List.of(b, a), List.of(queue.poll(), queue.poll()));
        assertTrue(queue.isEmpty());
    }

    @Test
    void anEarlierDeadlineAfterAPostponementTakesEffectAtOnceAndCancellingForgetsIt() {
        TimerQueue queue = new TimerQueue();
        Timer a = timer("a");
        queue.schedule(a, 10);
        queue.postpone(a, 50);
        queue.postpone(a, 5);
        assertEquals(5, queue.earliestDeadline());

        queue.postpone(a, 50);
        queue.cancel(a);
        queue.postpone(a, 40); // not armed: scheduled as asked
        assertEquals(40, queue.earliestDeadline());
        assertEquals(a, queue.poll());
        assertTrue(queue.isEmpty());
    }

    /** Any sequence of arm, re-arm, postpone and cancel gives the order a sorted list would. */
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
                int choice = random.nextInt(4);
                if (choice == 0) {
                    queue.cancel(t);
                } else if (choice == 1) {
                    queue.postpone(t, random.nextLong(1000));
                } else {
                    queue.schedule(t, random.nextLong(1000));
                }
                if (random.nextInt(8) == 0 && !queue.isEmpty()) {
                    queue.earliestDeadline(); // applies what was postponed at the front, midway
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
        return new Timer(name, () -> { }, null);
    }
}
