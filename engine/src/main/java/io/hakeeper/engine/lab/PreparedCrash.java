package io.hakeeper.engine.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * A node's crash, made ready in advance so that the crash itself is a pipe write and a few kill(2) calls,
 * taking microseconds, rather than starting {@code ip link set down} (on a busy two-core machine, starting
 * a process takes tens of milliseconds, which would all be counted as failover time).
 *
 * <p>{@link #prepare} starts {@code ip -n NAMESPACE -batch -}, which executes the commands it reads from
 * its standard input one line at a time (line-buffered through {@code stdbuf}, so that its answers arrive
 * at once), and lists the processes in the node's namespace. {@link #pull} takes the timestamp, tells that
 * {@code ip} to take the link down and to show the link, waits for the answer, which proves the link is
 * down, and only then kills every listed process with SIGKILL: a router killed while its link was still up
 * could have said goodbye on the wire (keepalived was seen to send its priority-0 advert that way).
 */
public final class PreparedCrash implements AutoCloseable {

    private final LabNode node;
    private final Process ip;
    private final OutputStream commands;
    private final BufferedReader answers;
    private final List<ProcessHandle> victims;

    private PreparedCrash(LabNode node, Process ip, List<ProcessHandle> victims) {
        this.node = node;
        this.ip = ip;
        this.commands = ip.getOutputStream();
        this.answers = new BufferedReader(new InputStreamReader(ip.getInputStream(), StandardCharsets.UTF_8));
        this.victims = victims;
    }

    /** @param log where the waiting {@code ip} writes its complaints (nothing, when all goes well) */
    public static PreparedCrash prepare(LabNode node, Path log) {
        List<ProcessHandle> victims = HostCommands.run(List.of("ip", "netns", "pids", node.namespace())).orThrow()
                .stdout().lines().map(String::strip).filter(s -> !s.isEmpty())
                .map(pid -> ProcessHandle.of(Long.parseLong(pid))).flatMap(java.util.Optional::stream).toList();
        try {
            Process ip = new ProcessBuilder("stdbuf", "-oL", "ip", "-n", node.namespace(), "-o", "-batch", "-")
                    .redirectError(log.toFile()).start();
            return new PreparedCrash(node, ip, victims);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ip -batch for " + node, e);
        }
    }

    /** Crashes the node: link down, then SIGKILL for everything that ran in it. Returns when it began. */
    public Instant pull() {
        Instant crash = Instant.now();
        try {
            String link = node.interfaceName();
            commands.write(("link set dev " + link + " down\nlink show dev " + link + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            commands.flush();
            String shown = answers.readLine();
            if (shown == null || shown.contains(",UP")) {
                throw new IllegalStateException(node + "'s link did not go down: " + shown);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take " + node + "'s link down", e);
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        return crash;
    }

    /** Lets the waiting {@code ip} finish: at the end of its input it exits. */
    @Override
    public void close() {
        try {
            commands.close();
            if (!ip.waitFor(2, TimeUnit.SECONDS)) {
                ip.destroyForcibly();
            }
        } catch (IOException e) {
            ip.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ip.destroyForcibly();
        }
    }
}
