package io.hakeeper.engine.loop;

import java.util.Arrays;

/**
 * A 4-ary min-heap of timers by deadline, kept in flat arrays: the heap holds each armed timer's id and
 * deadline side by side, and the position of each id in the heap is in an array of its own. Sifting a
 * timer up or down therefore reads and writes those arrays only, never the timer objects it moves past:
 * with 1,000 instances every timer object but the one fired or re-armed is cold, and a heap that wrote
 * each moved timer's position into the timer itself went to memory once per level. An id is given when a
 * timer is armed and taken back when it leaves the queue, most recent first, so that a timer fired and
 * re-armed at once gets its id back and the arrays grow only with the number of timers armed together.
 * Re-arming and cancelling are O(log n); nothing allocates once the arrays have grown.
 *
 * <p>A deadline moved later ({@link #postpone}) is only noted on the timer and applied when the timer comes
 * to the front: a deadline pushed back again and again (a backup's, at every advert it hears) moves the
 * timer once per time it would otherwise have come due, and the timer never comes out, nor wakes the loop,
 * for a deadline it no longer has.
 */
final class TimerQueue {

    private static final int ARITY = 4;

    /** Heap order: the id of the timer at each heap position, and its deadline beside it. */
    private int[] heapIds = new int[16];
    private long[] deadlines = new long[16];
    /** By id: the heap position of the timer holding it, and that timer. */
    private int[] positions = new int[16];
    private Timer[] timers = new Timer[16];
    /** Ids not held by any timer; the last one is handed out next. */
    private int[] freeIds = new int[16];
    private int freeCount;
    private int size;

    TimerQueue() {
        for (int id = 0; id < freeIds.length; id++) {
            freeIds[freeCount++] = freeIds.length - 1 - id;
        }
    }

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
        return size == 0 ? null : timers[heapIds[0]];
    }

    /** Until the front timer's deadline is its own: each timer moves once, to the deadline last asked for. */
    private void applyPostponedAtFront() {
        while (size > 0) {
            Timer front = timers[heapIds[0]];
            if (front.postponedTo == Timer.DISARMED) {
                return;
            }
            front.deadline = front.postponedTo;
            front.postponedTo = Timer.DISARMED;
            front.headsUpGiven = false;
            front.warmUpGiven = false;
            deadlines[0] = front.deadline;
            siftDown(0);
        }
    }

    /**
     * Gives an armed timer a later deadline without moving it now; an earlier deadline, or a timer not
     * armed, is scheduled at once.
     */
    void postpone(Timer timer, long deadline) {
        if (timer.id >= 0 && deadline > timer.deadline) {
            timer.postponedTo = deadline;
        } else {
            schedule(timer, deadline);
        }
    }

    void schedule(Timer timer, long deadline) {
        timer.postponedTo = Timer.DISARMED;
        timer.deadline = deadline;
        timer.headsUpGiven = false;
        timer.warmUpGiven = false;
        int id = timer.id;
        if (id >= 0) {
            int position = positions[id];
            long previous = deadlines[position];
            deadlines[position] = deadline;
            if (deadline < previous) {
                siftUp(position);
            } else {
                siftDown(position);
            }
            return;
        }
        if (freeCount == 0) {
            grow();
        }
        id = freeIds[--freeCount];
        timer.id = id;
        timers[id] = timer;
        heapIds[size] = id;
        deadlines[size] = deadline;
        positions[id] = size;
        siftUp(size++);
    }

    void cancel(Timer timer) {
        int id = timer.id;
        if (id < 0) {
            return;
        }
        removeAt(positions[id]);
        timers[id] = null;
        timer.postponedTo = Timer.DISARMED;
        freeIds[freeCount++] = id;
        timer.id = -1;
    }

    Timer poll() {
        applyPostponedAtFront();
        Timer first = timers[heapIds[0]];
        cancel(first);
        return first;
    }

    /** Fills heap position {@code position} with the last timer of the heap and restores the order. */
    private void removeAt(int position) {
        int last = --size;
        if (position == last) {
            return;
        }
        int lastId = heapIds[last];
        heapIds[position] = lastId;
        deadlines[position] = deadlines[last];
        positions[lastId] = position;
        siftDown(position);
        siftUp(positions[lastId]);
    }

    private void siftUp(int index) {
        int id = heapIds[index];
        long deadline = deadlines[index];
        while (index > 0) {
            int parent = (index - 1) / ARITY;
            if (deadlines[parent] <= deadline) {
                break;
            }
            moveTo(parent, index);
            index = parent;
        }
        place(id, deadline, index);
    }

    private void siftDown(int index) {
        int id = heapIds[index];
        long deadline = deadlines[index];
        while (true) {
            int first = ARITY * index + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            long earliest = deadlines[first];
            int end = Math.min(first + ARITY, size);
            for (int c = first + 1; c < end; c++) {
                long candidate = deadlines[c];
                if (candidate < earliest) {
                    child = c;
                    earliest = candidate;
                }
            }
            if (deadline <= earliest) {
                break;
            }
            moveTo(child, index);
            index = child;
        }
        place(id, deadline, index);
    }

    /** Moves the timer at heap position {@code from} to {@code to}. */
    private void moveTo(int from, int to) {
        int id = heapIds[from];
        heapIds[to] = id;
        deadlines[to] = deadlines[from];
        positions[id] = to;
    }

    private void place(int id, long deadline, int index) {
        heapIds[index] = id;
        deadlines[index] = deadline;
        positions[id] = index;
    }

    /** Doubles every array; the new ids are free, the lowest handed out first. */
    private void grow() {
        int capacity = heapIds.length;
        int doubled = capacity * 2;
        heapIds = Arrays.copyOf(heapIds, doubled);
        deadlines = Arrays.copyOf(deadlines, doubled);
        positions = Arrays.copyOf(positions, doubled);
        timers = Arrays.copyOf(timers, doubled);
        freeIds = Arrays.copyOf(freeIds, doubled);
        for (int id = doubled - 1; id >= capacity; id--) {
            freeIds[freeCount++] = id;
        }
    }
}
