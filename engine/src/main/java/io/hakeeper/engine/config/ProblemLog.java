package io.hakeeper.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;

/**
 * Collects every problem of one validation run, so that the operator sees all of them at once instead of
 * fixing one line per attempt. Not shared between threads.
 */
final class ProblemLog {

    private final List<Problem> problems = new ArrayList<>();

    void error(SourcePosition position, String keyPath, String message) {
        problems.add(Problem.error(position, keyPath, message));
    }

    void warning(SourcePosition position, String keyPath, String message) {
        problems.add(Problem.warning(position, keyPath, message));
    }

    void add(Problem problem) {
        problems.add(problem);
    }

    /**
     * Runs a read that may throw {@link SettingsException}; on failure records the error and returns empty,
     * so the caller goes on to the next key.
     */
    <T> Optional<T> attempt(Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (SettingsException e) {
            add(Problem.of(e));
            return Optional.empty();
        }
    }

    /** Like {@link #attempt} but falls back to a value the rest of the validation can go on with. */
    <T> T attempt(Supplier<T> read, T fallback) {
        return attempt(read).orElse(fallback);
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** Every problem, in file order (line, then column), errors and warnings mixed as they occur. */
    List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt((Problem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return Collections.unmodifiableList(copy);
    }
}
