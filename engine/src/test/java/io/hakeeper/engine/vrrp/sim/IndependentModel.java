package io.hakeeper.engine.vrrp.sim;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.TrackedItem;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * Effective priority and FAULT as the issue states them, restated for the checker from the configuration
 * and the simulated world, deliberately without reading the machine (or its Tracking) so that a mistake
 * there cannot hide itself.
 */
final class IndependentModel {

    private IndependentModel() {
    }

    /** Base + weight while up (positive) / while down (negative), reverse swapping up and down; 1–254; 255 fixed. */
    static int effectivePriority(InstanceParameters p, SimRouter router) {
        if (p.priority() == 255) {
            return 255;
        }
        int priority = p.priority();
        for (TrackedItem item : p.tracked()) {
            TrackedStatus seen = seen(item, router);
            if (item.weight() > 0 && seen == TrackedStatus.UP || item.weight() < 0 && seen == TrackedStatus.DOWN) {
                priority += item.weight();
            }
        }
        return Math.min(254, Math.max(1, priority));
    }

    /** The VRRP interface down (unless dont_track_primary), or a weight-0 item down or without a result yet. */
    static boolean fault(InstanceParameters p, SimRouter router) {
        if (!router.interfaceUp() && !p.dontTrackPrimary()) {
            return true;
        }
        for (TrackedItem item : p.tracked()) {
            TrackedStatus seen = seen(item, router);
            if (item.weight() == 0 && seen != TrackedStatus.UP) {
                return true;
            }
        }
        return false;
    }

    private static TrackedStatus seen(TrackedItem item, SimRouter router) {
        if (item.kind() == TrackKind.FILE) {
            throw new IllegalArgumentException("the randomized run tracks scripts and interfaces only");
        }
        TrackedStatus status = router.trackedStatus(item.kind(), item.name());
        if (!item.reverse() || status == TrackedStatus.INITIALISING) {
            return status;
        }
        return status == TrackedStatus.UP ? TrackedStatus.DOWN : TrackedStatus.UP;
    }
}
