package io.hakeeper.engine.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion with a time limit. The outputs go to temporary files rather than pipes so
 * that a chatty command can never block on a full pipe while we wait for it, and no reader threads are
 * needed.
 */
public final class HostCommands {

    /** Long enough for any iproute2 or tshark call; a hang beyond this is a broken lab, not a slow one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private HostCommands() {
    }

    public static CommandResult run(List<String> argv) {
        return run(argv, DEFAULT_TIMEOUT);
    }

    public static CommandResult run(List<String> argv, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("hakeeper-cmd-", ".out");
            err = Files.createTempFile("hakeeper-cmd-", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new LabException(String.join(" ", argv) + " did not finish within " + timeout);
            }
            return new CommandResult(argv, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is not worth failing a command over
            }
        }
    }
}
