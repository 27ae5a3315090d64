package io.hakeeper.distribution;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.sun.security.auth.module.UnixSystem;

/**
 * What an end-to-end test needs from the machine. Missing, the test is skipped with a loud message,
 * except under {@code CI=true}, where it fails: CI is never green with the real tests skipped.
 */
final class Needs {

    private Needs() {
    }

    static void root() {
        if (new UnixSystem().getUid() != 0) {
            missing("root (uid 0), for network namespaces and raw sockets");
        }
    }

    static Path tool(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        missing("the program '" + program + "' on the PATH");
        throw new AssertionError("unreachable");
    }

    static void missing(String what) {
        String message = "NEEDS " + what + " - this test did NOT run";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing requirement is a failure, not a skip)");
        }
        System.err.println("*** SKIPPED: " + message + " ***");
        Assumptions.abort(message);
    }
}
