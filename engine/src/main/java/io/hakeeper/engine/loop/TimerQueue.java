package io.hakeeper.engine.loop;

import java.util.Arrays;

/**
 * A binary min-heap of timers by deadline. Each timer knows its own slot, so re-arming or cancelling is
 * O(log n) and allocation-free; the array grows only when more timers exist than ever before.
 */
final class TimerQueue {

    private Timer[] heap = new Timer[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline, or {@link Timer#DISARMED} when nothing is armed. */
    long earliestDeadline() {
        return size == 0 ? Timer.DISARMED : heap[0].deadline;
    }

    Timer peek() {
        return size == 0 ? null : heap[0];
    }

    void schedule(Timer timer, long deadline) {
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
        }
        timer.deadline = deadline;
        timer.heapIndex = size;
        heap[size++] = timer;
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
        if (index < size) {
            place(last, index);
            siftDown(index);
            siftUp(last.heapIndex);
        }
    }

    Timer poll() {
        Timer first = heap[0];
        cancel(first);
        return first;
    }

    private void siftUp(int index) {
        Timer timer = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (heap[parent].deadline <= timer.deadline) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(timer, index);
    }

    private void siftDown(int index) {
        Timer timer = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline < heap[child].deadline) {
                child = right;
            }
            if (timer.deadline <= heap[child].deadline) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(timer, index);
    }

    private void place(Timer timer, int index) {
        heap[index] = timer;
        timer.heapIndex = index;
    }
}
