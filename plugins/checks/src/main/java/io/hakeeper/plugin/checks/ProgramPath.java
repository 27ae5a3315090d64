package io.hakeeper.plugin.checks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the program of a command line is: a bare name is looked up on the {@code PATH} (as keepalived and
 * execvp do), a relative path is taken from the configuration's directory, an absolute one as written.
 */
final class ProgramPath {

    private ProgramPath() {
    }

    static Optional<Path> resolve(String program, Path configDirectory) {
        if (program.contains("/")) {
            Path path = configDirectory.resolve(program).normalize();
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
