package io.hakeeper.engine.config;

import java.util.List;
import java.util.Optional;

import io.hakeeper.engine.config.model.HakeeperConfig;

/**
 * The outcome of validating a configuration: every problem found (errors and warnings, in file order) and,
 * only when there is no error, the model.
 */
public record ValidationReport(List<Problem> problems, Optional<HakeeperConfig> config) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** True when the file may be used: no errors (warnings allowed). */
    public boolean ok() {
        return config.isPresent();
    }
}
