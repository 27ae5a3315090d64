package io.hakeeper.engine.vrrp;

/**
 * Skew_Time and Master_Down_Interval of a backup, computed in the one place that computes them
 * (RFC 3768 6.1, RFC 5798 6.1). The machine calls {@link #recalculate} whenever its effective priority or
 * the master's advert interval changes, and reads the results from here, never from its own arithmetic.
 */
final class ElectionTimers {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_CENTISECOND = 10_000_000L;

    private int masterAdverIntervalCentiseconds;
    private long skewNanos;
    private long masterDownNanos;

    /**
     * @param version  2 (skew independent of the interval) or 3 (skew scaled by the master's interval)
     * @param priority the effective priority; 255 gives the smallest skew
     */
    void recalculate(int version, int priority, int masterAdverIntervalCentiseconds) {
        this.masterAdverIntervalCentiseconds = masterAdverIntervalCentiseconds;
        long intervalNanos = masterAdverIntervalCentiseconds * NANOS_PER_CENTISECOND;
        skewNanos = version == 2
                ? (256 - priority) * NANOS_PER_SECOND / 256
                : (256 - priority) * intervalNanos / 256;
        masterDownNanos = 3 * intervalNanos + skewNanos;
    }

    int masterAdverIntervalCentiseconds() {
        return masterAdverIntervalCentiseconds;
    }

    long skewNanos() {
        return skewNanos;
    }

    long masterDownNanos() {
        return masterDownNanos;
    }
}
