package io.hakeeper.engine.vrrp.sim;

/**
 * The RFCs' timer formulas, written out again in the tests so that the machine's arithmetic is checked
 * against the specification rather than against itself (RFC 3768 6.1, RFC 5798 6.1).
 */
public final class RfcTimers {

    public static final long SECOND = 1_000_000_000L;
    public static final long MILLISECOND = 1_000_000L;
    private static final long CENTISECOND = 10 * MILLISECOND;

    private RfcTimers() {
    }

    /** v2: (256 − Priority) / 256 seconds. v3: ((256 − Priority) × Master_Adver_Interval) / 256. */
    public static long skewTime(int version, int priority, int masterIntervalCentiseconds) {
        if (version == 2) {
            return (256 - priority) * SECOND / 256;
        }
        return (256 - priority) * (masterIntervalCentiseconds * CENTISECOND) / 256;
    }

    /** 3 × Master_Adver_Interval + Skew_Time. */
    public static long masterDownInterval(int version, int priority, int masterIntervalCentiseconds) {
        return 3 * masterIntervalCentiseconds * CENTISECOND + skewTime(version, priority, masterIntervalCentiseconds);
    }

    public static long interval(int centiseconds) {
        return centiseconds * CENTISECOND;
    }
}
