package io.hakeeper.engine.loop;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the loop runs a timer late. A late master-down or advert timer is an election at risk (a
 * backup that wakes late may take over from a live master), so every firing is measured, lateness beyond
 * the tolerance is counted, and said in the log at most once per {@link #LOG_EVERY_NANOS} with how many
 * were not said.
 */
public final class LatenessTracker {

    private static final Logger LOG = LoggerFactory.getLogger(LatenessTracker.class);
    static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long toleranceNanos;
    private long fired;
    private long late;
    private long worstNanos;
    private long lastLoggedAt = Long.MIN_VALUE;
    private long unloggedLate;

    public LatenessTracker(long toleranceNanos) {
        this.toleranceNanos = toleranceNanos;
    }

    /** Records one firing; {@code now - deadline} is how late it ran. */
    void record(Timer timer, long deadline, long now) {
        fired++;
        long lateness = now - deadline;
        if (lateness <= toleranceNanos) {
            return;
        }
        late++;
        worstNanos = Math.max(worstNanos, lateness);
        if (lastLoggedAt == Long.MIN_VALUE || now - lastLoggedAt >= LOG_EVERY_NANOS) {
            LOG.warn("timer {} fired {} ms late (tolerance {} ms); {} more late timers since the last report;"
                            + " elections are at risk if this goes on",
                    timer.name(), TimeUnit.NANOSECONDS.toMillis(lateness), TimeUnit.NANOSECONDS.toMillis(toleranceNanos),
                    unloggedLate);
            lastLoggedAt = now;
            unloggedLate = 0;
        } else {
            unloggedLate++;
        }
    }

    /** Lateness up to this is not counted. */
    public long toleranceNanos() {
        return toleranceNanos;
    }

    /** Timers run so far. */
    public long fired() {
        return fired;
    }

    /** Timers that ran later than the tolerance. */
    public long late() {
        return late;
    }

    /** The worst lateness seen, in nanoseconds. */
    public long worstNanos() {
        return worstNanos;
    }
}
