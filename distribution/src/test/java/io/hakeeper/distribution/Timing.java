package io.hakeeper.distribution;

/** RFC 5798's timers, to hold measured failover times against. */
final class Timing {

    private Timing() {
    }

    /** Skew_Time in ms: ((256 - priority) * Master_Adver_Interval) / 256. */
    static double skewMillis(int priority, double advertIntervalSeconds) {
        return (256 - priority) * advertIntervalSeconds * 1000 / 256;
    }

    /** Master_Down_Interval in ms: 3 * Master_Adver_Interval + Skew_Time. */
    static double masterDownMillis(int priority, double advertIntervalSeconds) {
        return 3 * advertIntervalSeconds * 1000 + skewMillis(priority, advertIntervalSeconds);
    }

    /** Prints a measurement where the test report keeps it. */
    static void report(String what, double measuredMillis, double limitMillis) {
        System.out.printf("FAILOVER %s: %.1f ms (limit %.1f ms)%n", what, measuredMillis, limitMillis);
    }
}
