package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

import com.sun.security.auth.module.UnixSystem;

/**
 * The project's rule for tests that need the machine (root, a system tool): without it the test is
 * skipped with a loud message, except under {@code CI=true}, where a skip would leave CI green with the
 * real test never run, so it fails instead. Plugin modules cannot see the engine's Requirements.
 */
final class RealTool {

    private RealTool() {
    }

    /** Root and {@code ip}, which network namespaces and address changes need. */
    static void requireRootAndIp() {
        require(new UnixSystem().getUid() == 0, "root (uid 0), for a network namespace of the test's own");
        boolean ip;
        try {
            ip = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            ip = false;
        }
        require(ip, "the program 'ip' on the PATH (Debian: apt-get install iproute2)");
    }

    private static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        String message = "NEEDS " + missing + " - this test did NOT run";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: a missing requirement is a failure, not a skip)");
        }
        System.err.println("*** SKIPPED: " + message + " ***");
        Assumptions.abort(message);
    }
}
