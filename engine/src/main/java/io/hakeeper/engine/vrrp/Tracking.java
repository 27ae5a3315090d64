package io.hakeeper.engine.vrrp;

import java.util.Arrays;
import java.util.List;

import io.hakeeper.engine.config.model.TrackKind;

/**
 * The runtime status of an instance's tracked items, and what follows from it: the weight to add to the
 * base priority and whether the items demand FAULT. Arrays indexed like the configured list, so that an
 * update allocates nothing.
 */
final class Tracking {

    private final TrackedItem[] items;
    private final TrackedStatus[] statuses;
    private final long[] fileValues;

    Tracking(List<TrackedItem> items) {
        this.items = items.toArray(TrackedItem[]::new);
        this.statuses = new TrackedStatus[this.items.length];
        this.fileValues = new long[this.items.length];
        Arrays.fill(statuses, TrackedStatus.INITIALISING);
    }

    /** Records a status; false when the item is not tracked here or nothing changed. */
    boolean update(TrackKind kind, String name, TrackedStatus status) {
        boolean changed = false;
        for (int i = 0; i < items.length; i++) {
            if (items[i].kind() == kind && items[i].name().equals(name) && statuses[i] != status) {
                statuses[i] = status;
                changed = true;
            }
        }
        return changed;
    }

    /** Records a track_file's value (which also ends its INITIALISING); false when nothing changed. */
    boolean updateFileValue(String name, long value) {
        boolean changed = false;
        for (int i = 0; i < items.length; i++) {
            if (items[i].kind() == TrackKind.FILE && items[i].name().equals(name)
                    && (statuses[i] != TrackedStatus.UP || fileValues[i] != value)) {
                statuses[i] = TrackedStatus.UP;
                fileValues[i] = value;
                changed = true;
            }
        }
        return changed;
    }

    /** The sum of the weights in effect now (unclamped). */
    long weightSum() {
        long sum = 0;
        for (int i = 0; i < items.length; i++) {
            TrackedItem item = items[i];
            if (item.kind() == TrackKind.FILE) {
                if (statuses[i] == TrackedStatus.UP) {
                    sum += fileValues[i] * item.weight() * (item.reverse() ? -1 : 1);
                }
                continue;
            }
            TrackedStatus seen = seen(i);
            if (item.weight() > 0 && seen == TrackedStatus.UP) {
                sum += item.weight();
            } else if (item.weight() < 0 && seen == TrackedStatus.DOWN) {
                sum += item.weight();
            }
        }
        return sum;
    }

    /** Whether a weight-0 item is down (after reverse), still initialising, or a weight-0 file non-zero. */
    boolean demandsFault() {
        for (int i = 0; i < items.length; i++) {
            if (items[i].weight() != 0) {
                continue;
            }
            if (statuses[i] == TrackedStatus.INITIALISING) {
                return true;
            }
            boolean failed = items[i].kind() == TrackKind.FILE ? fileValues[i] != 0 : seen(i) == TrackedStatus.DOWN;
            if (failed) {
                return true;
            }
        }
        return false;
    }

    private TrackedStatus seen(int i) {
        if (!items[i].reverse() || statuses[i] == TrackedStatus.INITIALISING) {
            return statuses[i];
        }
        return statuses[i] == TrackedStatus.UP ? TrackedStatus.DOWN : TrackedStatus.UP;
    }
}
