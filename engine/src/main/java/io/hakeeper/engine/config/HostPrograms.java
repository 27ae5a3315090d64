package io.hakeeper.engine.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the program of a notify command can run on this host now: the {@code programProblem} a daemon or
 * {@code hakeeperd --check} hands to {@link ParsedConfig#validate}. The program is found as it will be run
 * (directly, never through a shell): a bare name on the {@code PATH}, a path as written.
 */
public final class HostPrograms {

    private HostPrograms() {
    }

    /** Why the program cannot be run, in words for a warning; empty when it can. */
    public static Optional<String> whyNotRunnable(String program) {
        if (!program.contains("/")) {
            String searchPath = System.getenv().getOrDefault("PATH", "");
            for (String directory : searchPath.split(File.pathSeparator)) {
                if (!directory.isEmpty() && runnable(Path.of(directory, program))) {
                    return Optional.empty();
                }
            }
            return Optional.of("no executable program " + program + " on the PATH (" + searchPath + ")");
        }
        Path path = Path.of(program);
        if (!Files.exists(path)) {
            return Optional.of(program + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of(program + " is not a file");
        }
        if (!Files.isExecutable(path)) {
            return Optional.of(program + " is not executable");
        }
        return Optional.empty();
    }

    private static boolean runnable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
    }
}
