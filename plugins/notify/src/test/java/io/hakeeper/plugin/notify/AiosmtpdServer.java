package io.hakeeper.plugin.notify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SMTP server on 127.0.0.1 for tests: Debian's python3-aiosmtpd with its Mailbox handler, which
 * stores every message it accepts, exactly as received, in a maildir.
 */
final class AiosmtpdServer implements AutoCloseable {

    /** Debian's python first: a python3 earlier on PATH (pyenv, venv) may not have the package. */
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

    private final Process process;
    private final Path maildir;
    private final int port;

    private AiosmtpdServer(Process process, Path maildir, int port) {
        this.process = process;
        this.maildir = maildir;
        this.port = port;
    }

    /** A python that can import aiosmtpd, if this host has one. */
    static Optional<String> python() {
        for (String python : PYTHONS) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import aiosmtpd").redirectErrorStream(true).start();
                if (probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return Optional.of(python);
                }
                probe.destroyForcibly();
            } catch (IOException | InterruptedException e) {
                // not this one
            }
        }
        return Optional.empty();
    }

    /** Starts the server on a free loopback port and waits until it accepts connections. */
    static AiosmtpdServer start(String python, Path maildir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(python, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "-c", "aiosmtpd.handlers.Mailbox", maildir.toString())
                .redirectErrorStream(true).redirectOutput(maildir.resolveSibling("aiosmtpd.log").toFile()).start();
        AiosmtpdServer server = new AiosmtpdServer(process, maildir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IOException("aiosmtpd did not start; see " + maildir.resolveSibling("aiosmtpd.log"));
    }

    int port() {
        return port;
    }

    /** The messages received so far, as raw text, in arrival order. */
    List<String> messages() throws IOException {
        Path fresh = maildir.resolve("new");
        if (!Files.isDirectory(fresh)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(fresh)) {
            List<Path> sorted = files.sorted((a, b) -> {
                try {
                    return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                } catch (IOException e) {
                    return 0;
                }
            }).toList();
            List<String> texts = new java.util.ArrayList<>();
            for (Path file : sorted) {
                texts.add(Files.readString(file));
            }
            return texts;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
