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

    /**
     * Base + weight × (reverse ? -1 : 1), a positive weight counting while up and a negative one while down
     * (keepalived: reverse turns the sign, it does not swap up and down); 1–254; 255 fixed.
     */
    static int effectivePriority(InstanceParameters p, SimRouter router) {
        if (p.priority() == 255) {
            return 255;
        }
        int priority = p.priority();
        for (TrackedItem item : p.tracked()) {
            TrackedStatus status = status(item, router);
            if (item.weight() > 0 && status == TrackedStatus.UP || item.weight() < 0 && status == TrackedStatus.DOWN) {
                priority += item.reverse() ? -item.weight() : item.weight();
            }
        }
        return Math.min(254, Math.max(1, priority));
    }

    /**
     * The VRRP interface down (unless dont_track_primary), or a weight-0 item without a result yet, down, or
     * (reversed) up.
     */
    static boolean fault(InstanceParameters p, SimRouter router) {
        if (!router.interfaceUp() && !p.dontTrackPrimary()) {
            return true;
        }
        for (TrackedItem item : p.tracked()) {
            TrackedStatus status = status(item, router);
            TrackedStatus failing = item.reverse() ? TrackedStatus.UP : TrackedStatus.DOWN;
            if (item.weight() == 0 && (status == TrackedStatus.INITIALISING || status == failing)) {
                return true;
            }
        }
        return false;
    }

    private static TrackedStatus status(TrackedItem item, SimRouter router) {
        if (item.kind() == TrackKind.FILE) {
            throw new IllegalArgumentException("the randomized run tracks scripts and interfaces only");
        }
        return router.trackedStatus(item.kind(), item.name());
    }
}
