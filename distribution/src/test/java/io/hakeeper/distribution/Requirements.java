package io.hakeeper.distribution;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.security.auth.module.UnixSystem;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What an end-to-end test needs from the machine (root, a system tool). When it is missing the test is
 * skipped with a loud message, except under {@code CI=true}, where it fails: CI must never be green with the
 * real tests skipped (docs/architecture.md, "Tests").
 *
 * <p>The engine has the same class in its test sources, which another module cannot see; a test-jar for one
 * small class would be more build than the class, so distribution keeps its own.
 */
final class Requirements {

    private Requirements() {
    }

    /** Root, which network namespaces, raw sockets and captures need. */
    static void requireRoot() {
        if (new UnixSystem().getUid() != 0) {
            missing("root (uid 0), for network namespaces, raw sockets and captures");
        }
    }

    /** A program on the PATH, such as {@code tshark}, {@code tcpdump}, {@code ip} or {@code keepalived}. */
    static Path requireTool(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        missing("the program '" + program + "' on the PATH (Debian: apt-get install the package that has it)");
        throw new AssertionError("unreachable: missing() always throws");
    }

    /** Anything else a test checks for itself: {@code what} names it as the skip or failure message will. */
    static void require(boolean present, String what) {
        if (!present) {
            missing(what);
        }
    }

    private static void missing(String what) {
        String message = "NEEDS " + what + " - this test did NOT run";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing requirement is a failure, not a skip)");
        }
        System.err.println("*** SKIPPED: " + message + " ***");
        Assumptions.abort(message);
    }
}
