package io.hakeeper.engine.demo;

import java.util.List;
import java.util.Locale;

/**
 * The order statistics a benchmark prints for a set of figures in microseconds: min, median (the mean of the
 * middle two for an even count), p90 (nearest rank: the smallest value at or above 90 % of them), max, and
 * the spread, max - min.
 */
record Percentiles(int count, long min, long median, long p90, long max) {

    static Percentiles of(List<Long> micros) {
        if (micros.isEmpty()) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        List<Long> sorted = micros.stream().sorted().toList();
        int n = sorted.size();
        long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int p90Rank = (int) Math.ceil(0.9 * n);
        return new Percentiles(n, sorted.get(0), median, sorted.get(p90Rank - 1), sorted.get(n - 1));
    }

    long spread() {
        return max - min;
    }

    /** min, median, p90, max and spread in milliseconds with two decimals, or dashes when there is nothing. */
    String format() {
        if (count == 0) {
            return String.format(Locale.ROOT, "%8s %8s %8s %8s %8s", "-", "-", "-", "-", "-");
        }
        return String.format(Locale.ROOT, "%8.2f %8.2f %8.2f %8.2f %8.2f", min / 1000.0, median / 1000.0,
                p90 / 1000.0, max / 1000.0, spread() / 1000.0);
    }
}
