package io.hakeeper.plugin.garp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.security.auth.module.UnixSystem;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's rule for tests that need root or a system tool (docs/architecture.md, "Tests"): skipped loudly
 * when missing, failed under {@code CI=true}. Plugin modules see only the api, so the engine's own
 * helper is out of reach; this is the least of it.
 */
final class Needs {

    private Needs() {
    }

    static void root() {
        check(new UnixSystem().getUid() == 0, "root (uid 0), for network namespaces and captures");
    }

    static void tool(String program) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, program));
        }
        check(found, "the program '" + program + "' on the PATH");
    }

    static void check(boolean present, String what) {
        if (present) {
            return;
        }
        String message = "NEEDS " + what + " - this test did NOT run";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing requirement is a failure, not a skip)");
        }
        System.err.println("*** SKIPPED: " + message + " ***");
        Assumptions.abort(message);
    }
}
