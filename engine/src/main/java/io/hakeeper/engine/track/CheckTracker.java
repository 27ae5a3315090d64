package io.hakeeper.engine.track;

import java.time.Duration;

import io.hakeeper.api.CheckResult;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * The state of one configured check, moved by its results with keepalived's rules, and nothing else: no
 * threads, no clock of its own (time is handed in), so every rule is testable on virtual time.
 *
 * <ul>
 * <li>The first result decides at once: INITIALISING becomes UP or DOWN. With {@code init_fail} the tracker starts
 *     DOWN instead, and needs {@code rise} successes like any down check.</li>
 * <li>UP becomes DOWN after {@code fall} failures in a row; DOWN becomes UP after {@code rise} successes in
 *     a row. A result that agrees with the state resets the count.</li>
 * <li>A {@link CheckResult.Value} (vrrp_track_file) is taken as it comes: the tracker is UP with that value.
 *     A file check that fails to run counts as DOWN, which weighs as the value 0 (keepalived reads an
 *     unreadable file as 0).</li>
 * <li>{@code settle} (vrrp_track_process's {@code delay}): a change counts only once results have asked
 *     for it for that long, so that a reloading daemon does not bounce the instance.</li>
 * </ul>
 */
public final class CheckTracker {

    private final int rise;
    private final int fall;
    private final long settleNanos;
    private TrackedStatus state;
    private long value;
    private int streak;
    private boolean pending;
    private long pendingSince;

    public CheckTracker(int rise, int fall, boolean initFail, Duration settle) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall are at least 1: " + rise + ", " + fall);
        }
        this.rise = rise;
        this.fall = fall;
        this.settleNanos = settle.toNanos();
        this.state = initFail ? TrackedStatus.DOWN : TrackedStatus.INITIALISING;
    }

    public TrackedStatus state() {
        return state;
    }

    /** The last value of a value check; 0 until one is reported. */
    public long value() {
        return value;
    }

    /**
     * Takes one result seen at {@code nowNanos} (monotonic). Returns whether the state or the value changed,
     * which is when the instances tracking the check must hear of it.
     */
    public boolean record(CheckResult result, long nowNanos) {
        if (result instanceof CheckResult.Value measured) {
            boolean changed = state != TrackedStatus.UP || value != measured.value();
            state = TrackedStatus.UP;
            value = measured.value();
            streak = 0;
            pending = false;
            return changed;
        }
        boolean ok = result instanceof CheckResult.Up;
        if (state == TrackedStatus.INITIALISING) {
            state = ok ? TrackedStatus.UP : TrackedStatus.DOWN;
            return true;
        }
        if (ok == (state == TrackedStatus.UP)) {
            streak = 0;
            pending = false;
            return false;
        }
        streak = Math.min(streak + 1, ok ? rise : fall);
        if (streak < (ok ? rise : fall) || !settled(nowNanos)) {
            return false;
        }
        state = ok ? TrackedStatus.UP : TrackedStatus.DOWN;
        streak = 0;
        pending = false;
        return true;
    }

    private boolean settled(long nowNanos) {
        if (settleNanos == 0) {
            return true;
        }
        if (!pending) {
            pending = true;
            pendingSince = nowNanos;
        }
        return nowNanos - pendingSince >= settleNanos;
    }
}
