package io.hakeeper.engine.track;

import java.time.Duration;

/**
 * How often a check runs and how its results are counted.
 *
 * @param interval from the start of one run to the start of the next
 * @param timeout  how long a run may take before it is interrupted and counted as a failure
 * @param settle   how long a change must last before it counts (vrrp_track_process's delay); zero for none
 */
public record CheckSchedule(Duration interval, Duration timeout, int rise, int fall, boolean initFail,
                            Duration settle) {

    public CheckSchedule {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("interval and timeout must be positive: " + interval + ", " + timeout);
        }
    }
}
