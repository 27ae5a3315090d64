package io.hakeeper.api;

/**
 * The outcome of one run of a {@link Check}: up, down with a reason, or a number.
 *
 * <p>A number is what vrrp_track_file reports: the engine multiplies it by the tracker's weight. The
 * reason and detail are shown by {@code ha-admin checks} as the last output line.
 */
public sealed interface CheckResult {

    /** The checked thing is healthy. */
    record Up(String detail) implements CheckResult {
    }

    /** The checked thing is not healthy; {@code reason} says why, in one line. */
    record Down(String reason) implements CheckResult {
    }

    /** A measured value, for checks whose weight scales with it. */
    record Value(long value) implements CheckResult {
    }

    static CheckResult up() {
        return new Up("");
    }

    static CheckResult up(String detail) {
        return new Up(detail);
    }

    static CheckResult down(String reason) {
        return new Down(reason);
    }

    static CheckResult value(long value) {
        return new Value(value);
    }
}
