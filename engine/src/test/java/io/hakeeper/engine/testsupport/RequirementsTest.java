package io.hakeeper.engine.testsupport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The skip-or-fail rule for missing requirements, as it applies in whichever environment this runs. */
class RequirementsTest {

    private static final String MISSING = "hakeeper-no-such-tool";

    @Test
    void aMissingToolSkipsTheTestOutsideCiAndFailsItUnderCi() {
        if ("true".equals(System.getenv("CI"))) {
            assertThrows(AssertionFailedError.class, () -> Requirements.requireTool(MISSING));
        } else {
            assertThrows(TestAbortedException.class, () -> Requirements.requireTool(MISSING));
        }
    }

    @Test
    void aPresentToolIsFoundOnThePath() {
        assertTrue(Requirements.requireTool("sh").toString().endsWith("/sh"));
    }
}
