package io.hakeeper.engine.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The project's one rule for tests that need a program of the host (DESIGN.md, Tests): when it is missing
 * the test is skipped with a loud message, except under {@code CI=true}, where a skip would let CI go
 * green without the real test, so it fails instead.
 */
public final class SystemTools {

    private SystemTools() {
    }

    /** The path of {@code tool} on the PATH; skips the calling test (or fails it under CI) when absent. */
    public static Path require(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, tool);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String message = "'" + tool + "' is not installed (not on PATH), so this test cannot run; install it"
                + " (Debian: apt-get install " + tool + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + ". CI=true: a missing tool fails the build rather than skipping the test.");
        }
        System.err.println("*** SKIPPED: " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable: Assumptions.abort always throws");
    }
}
