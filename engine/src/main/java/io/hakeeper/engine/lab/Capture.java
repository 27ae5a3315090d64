package io.hakeeper.engine.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A packet capture running inside a lab namespace, written to a pcap file that tshark reads afterwards.
 *
 * <p>tcpdump rather than dumpcap: the dumpcap of Wireshark 4.0 (Debian 12) cannot ask libpcap for immediate
 * mode, so a packet may sit in a kernel ring block for up to its read timeout and be lost when the capture
 * is stopped right after the event a test waits for. tcpdump's {@code --immediate-mode} hands every packet
 * over at once and {@code -U} writes it to the file at once.
 *
 * <p>{@link #start} returns only when tcpdump has said "listening on", which it prints after the capture
 * handle is active and its filter installed: from then on nothing the test sends is missed.
 */
public final class Capture implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** In immediate mode tcpdump writes a packet within microseconds; this long without growth means done. */
    private static final Duration QUIET = Duration.ofMillis(100);
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(3);

    private final Process process;
    private final Path file;
    private final Path log;

    private Capture(Process process, Path file, Path log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /**
     * Starts capturing on {@code interfaceName} inside {@code namespace} and waits until the capture is live.
     *
     * @param filter a libpcap capture filter, or blank for everything
     * @param file   the pcap file to write; its log goes beside it with {@code .log} appended
     */
    static Capture start(String namespace, String interfaceName, String filter, Path file) {
        Path log = file.resolveSibling(file.getFileName() + ".log");
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-i", interfaceName, "-n", "-U", "--immediate-mode",
                // stay root: the pcap file lives in a root-owned directory
                "-Z", "root", "-w", file.toString()));
        if (!filter.isBlank()) {
            argv.add(filter);
        }
        try {
            Process process = Namespaces.spawn(namespace, argv, log);
            Capture capture = new Capture(process, file, log);
            capture.awaitListening(String.join(" ", argv));
            return capture;
        } catch (IOException e) {
            throw new LabException("cannot start tcpdump in " + namespace + ": " + e.getMessage(), e);
        }
    }

    private void awaitListening(String command) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String said = Files.readString(log, StandardCharsets.UTF_8);
                if (said.contains("listening on")) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new LabException(command + " exited " + process.exitValue() + " before capturing: " + said);
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new LabException("cannot read " + log + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new LabException(command + " was not capturing within " + READY_TIMEOUT);
    }

    /** The pcap file; complete only after {@link #stop}. */
    public Path file() {
        return file;
    }

    /**
     * Stops the capture and returns the finished file. Harmless when already stopped.
     *
     * <p>First waits until the file has stopped growing: on SIGTERM tcpdump leaves its loop at once, and a
     * packet already on the wire but not yet read from its capture socket would be lost, which a test that
     * stops the capture right after the last packet arrived elsewhere would see as a missing packet. Then
     * SIGTERM, on which tcpdump closes its file cleanly.
     */
    public Path stop() {
        if (process.isAlive()) {
            awaitQuiet();
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        return file;
    }

    /** Returns once the file size has not changed for {@link #QUIET}, or after {@link #QUIET_LIMIT}. */
    private void awaitQuiet() {
        long limit = System.nanoTime() + QUIET_LIMIT.toNanos();
        long size = -1;
        long quietSince = System.nanoTime();
        try {
            while (System.nanoTime() < limit) {
                long now = Files.exists(file) ? Files.size(file) : 0;
                if (now != size) {
                    size = now;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                    return;
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            // cannot watch the file: stop anyway, the reader of the capture will see what it holds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
