package io.hakeeper.plugin.notify;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command directly (argv, never through a shell) with stdin and output on /dev/null, as
 * keepalived runs notify scripts, and kills its whole process tree when it outlives the timeout or the
 * calling thread is interrupted.
 *
 * <p>The tree is found through the descendants the kernel reports when the kill happens; a descendant
 * that has re-parented itself away (a daemonising script) is out of reach, as it is out of reach of
 * keepalived's process-group kill once it calls setsid.
 */
final class ScriptRunner {

    private static final File DEV_NULL = new File("/dev/null");

    private final Duration timeout;
    private volatile Process running;

    ScriptRunner(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Runs the command to its end.
     *
     * @return empty on exit status 0, else what went wrong, in words for the log
     * @throws InterruptedException after killing the process tree, when the caller was interrupted
     */
    Optional<String> run(List<String> argv) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(DEV_NULL)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return Optional.of(argv.get(0) + " could not be started: " + e.getMessage());
        }
        running = process;
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                return Optional.of(argv.get(0) + " was killed after its timeout of " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        } finally {
            running = null;
        }
        int status = process.exitValue();
        return status == 0 ? Optional.empty() : Optional.of(argv.get(0) + " exited with status " + status);
    }

    /** Kills the command running now, if any (shutdown gave up waiting for it). */
    void killRunning() {
        Process process = running;
        if (process != null) {
            killTree(process);
        }
    }

    /** Children first, so that none is orphaned to init while its parent dies. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
