package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ip} with the given arguments: argv, never a shell, stdin from /dev/null, killed after the
 * timeout or when the calling thread is interrupted.
 *
 * <p>Output goes to two private temporary files rather than pipes, so that a command that writes much
 * can never block on a full pipe while we wait for it, and the timeout holds whatever it does.
 */
final class IpCommand {

    private final List<String> prefix;
    private final Duration timeout;

    /**
     * @param prefix  the command and the options that come before every subcommand: {@code [ip]}, or for
     *                tests {@code [ip, -n, NAMESPACE]}
     * @param timeout how long one call may take
     */
    IpCommand(List<String> prefix, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.timeout = timeout;
    }

    /** What one call gave: its exit status and both outputs. */
    record Result(List<String> argv, int status, String stdout, String stderr) {

        boolean ok() {
            return status == 0;
        }

        /** The failure in words: the command, its status and what it wrote to stderr. */
        String failure() {
            String said = stderr.strip();
            return String.join(" ", argv) + " exited with status " + status
                    + (said.isEmpty() ? "" : ": " + said.replace('\n', ' '));
        }
    }

    /**
     * Runs {@code ip ARGS...} to its end.
     *
     * @throws IOException          when {@code ip} cannot be started or outlives the timeout
     * @throws InterruptedException after killing {@code ip}, when the caller was interrupted
     */
    Result run(List<String> args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(args);
        Path out = Files.createTempFile("hakeeper-ip-", ".out");
        Path err = Files.createTempFile("hakeeper-ip-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(argv);
            // untranslated error text: removeRoute recognises the kernel's "No such process"
            builder.environment().put("LC_ALL", "C");
            Process process = builder
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    kill(process);
                    throw new IOException(String.join(" ", argv) + " was killed after its timeout of "
                            + timeout.toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                kill(process);
                throw e;
            }
            return new Result(List.copyOf(argv), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code ip ARGS...} and returns its stdout; a non-zero status is an IOException with stderr. */
    String check(List<String> args) throws IOException, InterruptedException {
        Result result = run(args);
        if (!result.ok()) {
            throw new IOException(result.failure());
        }
        return result.stdout();
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
