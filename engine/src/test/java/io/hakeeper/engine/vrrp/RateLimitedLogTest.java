package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One line per key per interval, with the number held back. */
class RateLimitedLogTest {

    private static final long SECOND = 1_000_000_000L;

    private final RateLimitedLog log = new RateLimitedLog(2, 10 * SECOND);

    @Test
    void aFloodGivesOneLinePerIntervalWithTheNumberHeldBack() {
        assertTrue(log.shouldLog(0, 0));
        assertEquals(0, log.suppressedBeforeLast(0));
        for (int i = 1; i <= 999; i++) {
            assertFalse(log.shouldLog(0, i * 1_000_000L)); // 1000 packets a second
        }
        assertTrue(log.shouldLog(0, 10 * SECOND));
        assertEquals(999, log.suppressedBeforeLast(0));
    }

    @Test
    void eachKeyHasItsOwnAllowance() {
        assertTrue(log.shouldLog(0, 0));
        assertTrue(log.shouldLog(1, 0));
        assertFalse(log.shouldLog(0, SECOND));
    }

    @Test
    void theFirstEventIsLoggedWhateverTheClockReads() {
        assertTrue(log.shouldLog(0, Long.MIN_VALUE + 5));
        assertFalse(log.shouldLog(0, Long.MIN_VALUE + 6));
    }

    @Test
    void aClockThatWrapsAroundStillLimits() {
        assertTrue(log.shouldLog(0, Long.MAX_VALUE - SECOND));
        assertFalse(log.shouldLog(0, Long.MAX_VALUE + SECOND)); // wrapped: 2 s later
        assertTrue(log.shouldLog(0, Long.MAX_VALUE + 10 * SECOND));
    }
}
