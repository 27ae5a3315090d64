package io.hakeeper.engine.vrrp;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;

/**
 * One thing an instance tracks, with the weight it carries and whether it is reversed. What they mean
 * (keepalived's rule, {@code reverse} turning the sign of the weight) is {@link Tracking}'s to say.
 */
public record TrackedItem(TrackKind kind, String name, int weight, boolean reverse) {

    public static TrackedItem of(TrackKind kind, Tracked tracked) {
        return new TrackedItem(kind, tracked.name(), tracked.weight(), tracked.reverse());
    }
}
