package io.hakeeper.engine.vrrp;

import java.util.Arrays;
import java.util.List;

import io.hakeeper.engine.config.model.TrackKind;

/**
 * The runtime status of an instance's tracked items, and what follows from it by keepalived's rule
 * (vrrp_track.c): the weight to add to the base priority and whether the items demand FAULT. Arrays indexed
 * like the configured list, so that an update allocates nothing.
 *
 * <p>Scripts, interfaces and processes: weight 0 is FAULT while down (with {@code reverse}, while up), and
 * before a first result. Otherwise a positive weight counts while up, a negative one while down, and what
 * counts is weight × (reverse ? -1 : 1): {@code reverse} turns the sign, it does not swap up and down.
 *
 * <p>Track files: the value read (0 when the file could not be read) is kept within -254..254. Weight 0: a
 * non-zero value is FAULT. Otherwise value × weight is kept within -254..253, and -254 is FAULT. keepalived
 * has no {@code reverse} for track_file; our configuration accepts it, and it turns the sign of value × weight
 * (and, with weight 0, makes zero the FAULT value).
 */
final class Tracking {

    /** What {@link #effect} answers for an item that demands FAULT: no weight is anywhere near it. */
    static final int FAULT = Integer.MIN_VALUE;

    private static final int FILE_VALUE_LIMIT = 254;
    private static final int FILE_FAULT = -254;
    private static final int FILE_MAX = 253;

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

    /** The sum of the priority changes in effect now (unclamped; items demanding FAULT add nothing). */
    long weightSum() {
        long sum = 0;
        for (int i = 0; i < items.length; i++) {
            int effect = effect(items[i], statuses[i], fileValues[i]);
            if (effect != FAULT) {
                sum += effect;
            }
        }
        return sum;
    }

    /** Each item with its status and its part in the priority ({@link TrackedTerm#fault()} when it demands FAULT). */
    java.util.List<TrackedTerm> terms() {
        java.util.List<TrackedTerm> terms = new java.util.ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            int effect = effect(items[i], statuses[i], fileValues[i]);
            terms.add(new TrackedTerm(items[i], statuses[i], effect == FAULT ? 0 : effect, effect == FAULT));
        }
        return terms;
    }

    /** Whether any item demands FAULT (or, with weight 0, has no result yet). */
    boolean demandsFault() {
        for (int i = 0; i < items.length; i++) {
            if (effect(items[i], statuses[i], fileValues[i]) == FAULT) {
                return true;
            }
        }
        return false;
    }

    /**
     * keepalived's rule for one item: {@link #FAULT}, or the change of priority it makes (0 for none).
     *
     * @param fileValue the value last read, for a track_file in status UP; ignored otherwise
     */
    static int effect(TrackedItem item, TrackedStatus status, long fileValue) {
        int weight = item.weight();
        if (status == TrackedStatus.INITIALISING) {
            return weight == 0 ? FAULT : 0;
        }
        int multiplier = item.reverse() ? -1 : 1;
        if (item.kind() == TrackKind.FILE) {
            long value = status == TrackedStatus.UP
                    ? Math.max(-FILE_VALUE_LIMIT, Math.min(FILE_VALUE_LIMIT, fileValue)) : 0;
            if (weight == 0) {
                return (value != 0) != item.reverse() ? FAULT : 0;
            }
            long weighted = Math.max(FILE_FAULT, Math.min(FILE_MAX, value * weight * multiplier));
            return weighted == FILE_FAULT ? FAULT : (int) weighted;
        }
        boolean up = status == TrackedStatus.UP;
        if (weight == 0) {
            return up != (multiplier == 1) ? FAULT : 0;
        }
        return (up && weight > 0) || (!up && weight < 0) ? weight * multiplier : 0;
    }
}
