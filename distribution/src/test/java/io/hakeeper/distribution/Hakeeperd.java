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
 * One hakeeperd of the assembled tree running in a lab node, read through what it logs: its state is the
 * target of the last {@code FROM -> TO} line it printed for the instance.
 */
final class Hakeeperd {

    private static final Pattern TRANSITION = Pattern.compile(
            "(\\S+) \\(VRID \\d+, IPv[46]\\): (INIT|BACKUP|MASTER|FAULT|STOP) -> (INIT|BACKUP|MASTER|FAULT|STOP)");

    private final LabProcess process;

    Hakeeperd(LabProcess process) {
        this.process = process;
    }

    LabNode node() {
        return process.node();
    }

    /** Everything it has printed so far. */
    String log() {
        try {
            return Files.readString(process.output(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state its last transition line for {@code instance} entered, or "INIT" before any. */
    String state(String instance) {
        Matcher matcher = TRANSITION.matcher(log());
        String state = "INIT";
        while (matcher.find()) {
            if (matcher.group(1).equals(instance)) {
                state = matcher.group(3);
            }
        }
        return state;
    }

    /** Waits until its instance is in {@code state}; fails with its log otherwise. */
    void awaitState(String instance, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state(instance).equals(state)) {
            if (!process.process().isAlive()) {
                throw new AssertionError(this + " exited " + process.process().exitValue()
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
    void terminate() {
        process.process().destroy();
    }

    /** SIGKILL: no last word. */
    void kill() {
        process.process().destroyForcibly();
    }

    /** Waits for it to exit after {@link #terminate} or {@link #kill} and returns the exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(this + " still running " + timeout + " after the signal:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.process().exitValue();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "hakeeperd on " + node().name();
    }
}
