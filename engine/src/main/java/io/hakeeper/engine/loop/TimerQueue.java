package io.hakeeper.engine.loop;

import java.util.Arrays;

/**
 * A 4-ary min-heap of timers by deadline, where a deadline moved later ({@link #postpone}) is only noted
 * and applied when the timer comes to the front: a deadline pushed back again and again (a backup's, at
 * every advert it hears) moves the timer once per time it would otherwise have come due, and the timer
 * never comes out, nor wakes the loop, for a deadline it no longer has. Each timer knows its own slot, so re-arming or cancelling is
 * O(log n) and allocation-free; the arrays grow only when more timers exist than ever before. The deadlines
 * sit in an array of their own beside the timers, so that comparing the four children of a slot reads one
 * or two cache lines instead of four timer objects: with 1,000 timers a timer event then costs about what
 * it costs with 10.
 */
final class TimerQueue {

    private static final int ARITY = 4;

    private Timer[] heap = new Timer[16];
    private long[] deadlines = new long[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline, or {@link Timer#DISARMED} when nothing is armed. */
    long earliestDeadline() {
        applyPostponedAtFront();
        return size == 0 ? Timer.DISARMED : deadlines[0];
    }

    Timer peek() {
        applyPostponedAtFront();
        return size == 0 ? null : heap[0];
    }

    /** Until the front timer's deadline is its own: each timer moves once, to the deadline last asked for. */
    private void applyPostponedAtFront() {
        while (size > 0 && heap[0].postponedTo != Timer.DISARMED) {
            Timer front = heap[0];
            front.deadline = front.postponedTo;
            front.postponedTo = Timer.DISARMED;
            deadlines[0] = front.deadline;
            siftDown(0);
        }
    }

    /**
     * Gives an armed timer a later deadline without moving it now; an earlier deadline, or a timer not
     * armed, is scheduled at once.
     */
    void postpone(Timer timer, long deadline) {
        if (timer.heapIndex >= 0 && deadline > timer.deadline) {
            timer.postponedTo = deadline;
        } else {
            schedule(timer, deadline);
        }
    }

    void schedule(Timer timer, long deadline) {
        timer.postponedTo = Timer.DISARMED;
        if (timer.heapIndex >= 0) {
            long previous = timer.deadline;
            timer.deadline = deadline;
            if (deadline < previous) {
                siftUp(timer.heapIndex);
            } else {
                siftDown(timer.heapIndex);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            deadlines = Arrays.copyOf(deadlines, size * 2);
        }
        timer.deadline = deadline;
        place(timer, size++);
        siftUp(timer.heapIndex);
    }

    void cancel(Timer timer) {
        int index = timer.heapIndex;
        if (index < 0) {
            return;
        }
        Timer last = heap[--size];
        heap[size] = null;
        timer.heapIndex = -1;
        timer.postponedTo = Timer.DISARMED;
        if (index < size) {
            place(last, index);
            siftDown(index);
            siftUp(last.heapIndex);
        }
    }

    Timer poll() {
        applyPostponedAtFront();
        Timer first = heap[0];
        cancel(first);
        return first;
    }

    private void siftUp(int index) {
        Timer timer = heap[index];
        long deadline = timer.deadline;
        while (index > 0) {
            int parent = (index - 1) / ARITY;
            if (deadlines[parent] <= deadline) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(timer, index);
    }

    private void siftDown(int index) {
        Timer timer = heap[index];
        long deadline = timer.deadline;
        while (true) {
            int first = ARITY * index + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            int end = Math.min(first + ARITY, size);
            for (int c = first + 1; c < end; c++) {
                if (deadlines[c] < deadlines[child]) {
                    child = c;
                }
            }
            if (deadline <= deadlines[child]) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(timer, index);
    }

    private void place(Timer timer, int index) {
        heap[index] = timer;
        deadlines[index] = timer.deadline;
        timer.heapIndex = index;
    }
}
