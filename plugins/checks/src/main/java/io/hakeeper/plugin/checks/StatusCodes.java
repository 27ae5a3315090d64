package io.hakeeper.plugin.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The HTTP status codes that count as up: single codes and inclusive ranges, as written in {@code status}. */
record StatusCodes(List<Range> ranges) {

    /** The default: any 2xx answer. */
    static final StatusCodes SUCCESS = new StatusCodes(List.of(new Range(200, 299)));

    StatusCodes {
        ranges = List.copyOf(ranges);
    }

    /** {@code ["200", "301-302"]}; empty when an element is neither a code nor a range of codes. */
    static Optional<StatusCodes> parse(List<String> written) {
        List<Range> ranges = new ArrayList<>();
        for (String element : written) {
            String[] ends = element.trim().split("\\s*-\\s*", -1);
            if (ends.length > 2) {
                return Optional.empty();
            }
            try {
                Range range = new Range(Integer.parseInt(ends[0]), Integer.parseInt(ends[ends.length - 1]));
                if (range.low() < 100 || range.high() > 599 || range.low() > range.high()) {
                    return Optional.empty();
                }
                ranges.add(range);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new StatusCodes(ranges));
    }

    boolean accepts(int status) {
        return ranges.stream().anyMatch(range -> range.low() <= status && status <= range.high());
    }

    record Range(int low, int high) {
    }
}
