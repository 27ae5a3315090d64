package io.hakeeper.engine.vrrp;

/**
 * Decides which rejections get a log line: at most one per key (a rejection reason) per interval, and
 * tells how many were held back since the previous line, so that a flood shows up as one line with a
 * count instead of one line per packet. Time is a parameter (the event loop's monotonic clock, in
 * nanoseconds), so the VRRP core reads no clock; deciding allocates nothing.
 */
public final class RateLimitedLog {

    private final long intervalNanos;
    private final boolean[] loggedOnce;
    private final long[] lastLoggedAt;
    private final long[] suppressed;
    private final long[] suppressedBeforeLast;

    /** For keys {@code 0 .. keys-1}, one line per key per {@code intervalNanos}. */
    public RateLimitedLog(int keys, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.intervalNanos = intervalNanos;
        loggedOnce = new boolean[keys];
        lastLoggedAt = new long[keys];
        suppressed = new long[keys];
        suppressedBeforeLast = new long[keys];
    }

    /** Whether an event of {@code key} at {@code nowNanos} gets its line; if not, it is counted as held back. */
    public boolean shouldLog(int key, long nowNanos) {
        // subtraction, not comparison, so that a monotonic clock that wraps still works
        if (loggedOnce[key] && nowNanos - lastLoggedAt[key] < intervalNanos) {
            suppressed[key]++;
            return false;
        }
        loggedOnce[key] = true;
        lastLoggedAt[key] = nowNanos;
        suppressedBeforeLast[key] = suppressed[key];
        suppressed[key] = 0;
        return true;
    }

    /** How many events of {@code key} were held back between its last two lines; say it in the line. */
    public long suppressedBeforeLast(int key) {
        return suppressedBeforeLast[key];
    }

    /** The interval, in whole seconds, for log text. */
    public long intervalSeconds() {
        return intervalNanos / 1_000_000_000L;
    }
}
