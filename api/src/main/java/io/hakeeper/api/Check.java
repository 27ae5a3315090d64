package io.hakeeper.api;

/**
 * One configured health check.
 *
 * <p>{@link #run()} is called on a worker thread, never overlapping itself, every interval. It may block,
 * but only until its timeout: the engine interrupts a run that overstays and counts it as down, so honour
 * interruption. A thrown exception counts as down with the exception's message as the reason. Rise, fall
 * and weights are the engine's business; a check only reports what it saw.
 */
public interface Check extends AutoCloseable {

    /** Probe once and say what was seen. */
    CheckResult run() throws Exception;

    /** Release what the check holds (connections, watches). Called once, when the check is retired. */
    @Override
    default void close() throws Exception {
    }
}
