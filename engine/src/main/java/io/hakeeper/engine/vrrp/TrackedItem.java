package io.hakeeper.engine.vrrp;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;

/**
 * One thing an instance tracks, with the weight it carries (keepalived's semantics): a positive weight is
 * added while the item is up, a negative one subtracted while it is down, weight 0 means FAULT while it is
 * down; {@code reverse} swaps up and down. A track_file instead adds its value × weight (negated when
 * reversed), and with weight 0 a non-zero value means FAULT.
 */
public record TrackedItem(TrackKind kind, String name, int weight, boolean reverse) {

    public static TrackedItem of(TrackKind kind, Tracked tracked) {
        return new TrackedItem(kind, tracked.name(), tracked.weight(), tracked.reverse());
    }
}
