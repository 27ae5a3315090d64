package io.hakeeper.engine.track;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;

/**
 * What one tracked check does to the instance that tracks it, by keepalived's arithmetic: a priority change,
 * FAULT, or (weight 0, no result yet) holding the instance until the first result. The instance adds up the
 * priorities of its entries and is in FAULT while any entry says so; that sum, and the clamp to 1..254, are
 * the instance's business, not this per-entry rule's.
 *
 * @param priority the change of priority, when the effect is {@link Effect#PRIORITY}; 0 otherwise
 */
public record Contribution(Effect effect, int priority) {

    /** keepalived puts an instance in FAULT when a track file's weighted value reaches this. */
    static final int FILE_FAULT = -254;
    private static final int FILE_MAX = 253;

    private static final Contribution NONE = new Contribution(Effect.PRIORITY, 0);
    private static final Contribution FAULT = new Contribution(Effect.FAULT, 0);
    private static final Contribution AWAITING = new Contribution(Effect.AWAITING_FIRST_RESULT, 0);

    public enum Effect {
        PRIORITY, FAULT, AWAITING_FIRST_RESULT
    }

    /**
     * The effect of one entry ({@code track_script}, {@code track_file}, {@code track_process} or
     * {@code track_interface}) with the weight and {@code reverse} in effect for it.
     */
    public static Contribution of(TrackKind kind, Tracked tracked, TrackerState state, long value) {
        return kind == TrackKind.FILE ? ofFile(tracked, state, value) : ofUpDown(tracked, state);
    }

    /**
     * Weight 0: down is FAULT (reverse: up is). Otherwise a positive weight is added while up, a negative one
     * while down; reverse changes the sign of what is added.
     */
    private static Contribution ofUpDown(Tracked tracked, TrackerState state) {
        int weight = tracked.weight();
        if (state == TrackerState.INIT) {
            return weight == 0 ? AWAITING : NONE;
        }
        boolean up = state == TrackerState.UP;
        if (weight == 0) {
            return up == tracked.reverse() ? FAULT : NONE;
        }
        boolean applies = weight > 0 ? up : !up;
        return applies ? priority(tracked.reverse() ? -weight : weight) : NONE;
    }

    /**
     * Weight 0: a non-zero value is FAULT (reverse: zero is). Otherwise value × weight (negated by reverse),
     * kept within -254..253, and -254 is FAULT.
     */
    private static Contribution ofFile(Tracked tracked, TrackerState state, long value) {
        if (state == TrackerState.INIT) {
            return tracked.weight() == 0 ? AWAITING : NONE;
        }
        long read = state == TrackerState.UP ? value : 0;
        if (tracked.weight() == 0) {
            return (read != 0) != tracked.reverse() ? FAULT : NONE;
        }
        long weighted = read * tracked.weight() * (tracked.reverse() ? -1 : 1);
        long bounded = Math.max(FILE_FAULT, Math.min(FILE_MAX, weighted));
        return bounded == FILE_FAULT ? FAULT : priority((int) bounded);
    }

    private static Contribution priority(int change) {
        return change == 0 ? NONE : new Contribution(Effect.PRIORITY, change);
    }
}
