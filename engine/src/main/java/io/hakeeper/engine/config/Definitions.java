package io.hakeeper.engine.config;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.config.model.TrackKind;

/**
 * What instances and sync groups may refer to: the names of the vrrp_script, vrrp_track_file and
 * vrrp_track_process tables with their weights, and the host's interfaces and programs. Reports references
 * to names that are not defined (an error, with a "did you mean"), interfaces that do not exist here (only
 * a warning: they may appear later, as with hot-plugged or VLAN interfaces) and notify programs that cannot
 * run (a warning, and the command is disabled, as keepalived disables it).
 */
final class Definitions {

    private final Map<TrackKind, Map<String, Integer>> weights;
    private final Predicate<String> interfaceExists;
    private final Function<String, Optional<String>> programProblem;
    private final ProblemLog log;

    /**
     * @param weights        for each kind but INTERFACE, the defined names and their weights
     * @param programProblem why a program cannot run here, empty when it can
     */
    Definitions(Map<TrackKind, Map<String, Integer>> weights, Predicate<String> interfaceExists,
                Function<String, Optional<String>> programProblem, ProblemLog log) {
        this.weights = weights;
        this.interfaceExists = interfaceExists;
        this.programProblem = programProblem;
        this.log = log;
    }

    /** The weight the named table defines, after reporting a name that is not defined. */
    OptionalInt refer(TrackKind kind, String name, String path, SourcePosition position) {
        if (kind == TrackKind.INTERFACE) {
            checkInterface(name, path, position);
            return OptionalInt.empty();
        }
        Map<String, Integer> defined = weights.get(kind);
        Integer weight = defined.get(name);
        if (weight == null) {
            String section = kind.definedIn().orElseThrow();
            log.error(position, path, "expected the name of a [" + section + ".NAME] table, got \"" + name + "\""
                    + hint(name, defined.keySet(), section));
            return OptionalInt.empty();
        }
        return OptionalInt.of(weight);
    }

    void checkInterface(String name, String path, SourcePosition position) {
        if (!interfaceExists.test(name)) {
            log.warning(position, path, "interface " + name + " does not exist on this host (it may appear later)");
        }
    }

    /** Whether a notify command's program can run here; when not, a warning says the command is disabled. */
    boolean notifyProgramRuns(String program, String path, SourcePosition position) {
        Optional<String> problem = programProblem.apply(program);
        problem.ifPresent(why -> log.warning(position, path, why + "; this notify command is disabled"
                + " (as keepalived disables it) until a reload finds it runnable"));
        return problem.isEmpty();
    }

    private static String hint(String name, Set<String> defined, String section) {
        String suggestion = Suggestions.didYouMean(name, defined);
        if (!suggestion.isEmpty()) {
            return suggestion;
        }
        return defined.isEmpty() ? "; no " + section + " is defined" : "; defined: " + String.join(", ", defined);
    }
}
