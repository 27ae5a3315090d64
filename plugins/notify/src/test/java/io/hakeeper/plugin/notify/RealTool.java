package io.hakeeper.plugin.notify;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The project's rule for tests that need a real tool of the system: without it the test is skipped with
 * a loud message, except under {@code CI=true}, where a skip would leave CI green with the real test
 * never run, so it fails instead.
 */
final class RealTool {

    private RealTool() {
    }

    /** Returns when the tool is there; otherwise skips (loudly) or, in CI, fails. */
    static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(missing + " (CI=true: a missing tool is a failure, not a skip)");
        }
        System.err.println("SKIPPED, NOT RUN: " + missing);
        Assumptions.abort(missing);
    }
}
