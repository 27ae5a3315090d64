package io.hakeeper.engine.loop;

/**
 * The only source of time for timers: monotonic nanoseconds, immune to wall-clock steps (NTP, an operator's
 * {@code date -s}), so that a clock change never fires or delays an election. Behind an interface so that
 * tests run the loop on virtual time.
 */
@FunctionalInterface
public interface MonotonicClock {

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    static MonotonicClock system() {
        return System::nanoTime;
    }
}
