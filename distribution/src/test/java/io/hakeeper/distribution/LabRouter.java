package io.hakeeper.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;

/**
 * A VRRP router running in a lab node (hakeeperd or keepalived), watched through what it logs: the tests
 * treat both implementations alike, so that "the other side takes over" reads the same whichever side it is.
 */
interface LabRouter {

    /** The running process, its node and its log file. */
    LabProcess process();

    /** A line of its log that reports a state transition, with the groups {@code instance} and {@code state} (entered). */
    Pattern transitionLine();

    /** The state its last transition line for {@code instance} entered, or "INIT" before any. */
    default String state(String instance) {
        Matcher matcher = transitionLine().matcher(log());
        String state = "INIT";
        while (matcher.find()) {
            if (matcher.group("instance").equals(instance)) {
                state = matcher.group("state");
            }
        }
        return state;
    }

    /** How many state transitions it has logged so far, over all its instances. */
    default int transitions() {
        return (int) transitionLine().matcher(log()).results().count();
    }

    default LabNode node() {
        return process().node();
    }

    /** Everything it has printed so far. */
    default String log() {
        try {
            return Files.readString(process().output(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until its instance is in {@code state}; fails with its log otherwise. */
    default void awaitState(String instance, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state(instance).equals(state)) {
            if (!process().process().isAlive()) {
                throw new AssertionError(this + " exited " + process().process().exitValue()
                        + " while waiting for " + instance + " " + state + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(this + ": " + instance + " not " + state + " within " + timeout
                        + " (it is " + state(instance) + "):\n" + log());
            }
            sleep(10);
        }
    }

    /** SIGTERM: the graceful stop (a master resigns with a priority-0 advert). */
    default void terminate() {
        process().process().destroy();
    }

    /** SIGKILL: no last word. */
    default void kill() {
        process().process().destroyForcibly();
    }

    /** Waits for it to exit after {@link #terminate} or {@link #kill} and returns the exit code. */
    default int awaitExit(Duration timeout) {
        try {
            if (!process().process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(this + " still running " + timeout + " after the signal:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process().process().exitValue();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
