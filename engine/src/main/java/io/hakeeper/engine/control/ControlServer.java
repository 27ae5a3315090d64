package io.hakeeper.engine.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.net.UnixStreamSocket;

/**
 * The control socket: a Unix stream socket served on threads of its own ({@code hakeeper-control-accept}
 * and one {@code hakeeper-control-N} per connection, at most {@link Limits#maxClients()}), never on the event
 * loop. Each connection is read a line at a time; a line over the limit, a client idle past the time-out,
 * or a line that is not a request gets its error and the connection is closed. Peer credentials come from
 * SO_PEERCRED, once per connection.
 *
 * <p>The socket file is made under a temporary name, given its mode (0660) and group, then renamed into
 * place, so that it is never reachable with looser permissions. A socket file already at the path is probed
 * by connecting: when something answers, another daemon serves there and this one refuses to start; when
 * nothing does, the file is a crashed daemon's leftover and is replaced.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final byte NEWLINE = '\n';
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    /**
     * @param maxLineBytes a request line longer than this is refused (64 KiB)
     * @param idle         a connection with no complete request this long is closed
     * @param maxClients   connections served at once; more are told {@code busy}
     */
    public record Limits(int maxLineBytes, Duration idle, int maxClients) {
        public static final Limits DEFAULT = new Limits(64 * 1024, Duration.ofSeconds(30), 256);

        /**
         * The kernel's queue of connections not yet accepted. A client that connects without blocking is
         * refused (EAGAIN) when it is full, before the server can tell it anything, so it holds well more
         * than the clients served: a burst gets in, and those past the limit hear {@code busy}.
         */
        public int backlog() {
            return 4 * maxClients;
        }
    }

    /** The socket cannot be served: another daemon is live on it, or the path cannot be used. */
    public static final class ControlSocketException extends IOException {
        private static final long serialVersionUID = 1L;

        ControlSocketException(String message) {
            super(message);
        }
    }

    private final Path path;
    private final UnixStreamSocket server;
    private final ControlProtocol protocol;
    private final EventHub events;
    private final Limits limits;
    private final ThreadPoolExecutor connections;
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path path, UnixStreamSocket server, ControlProtocol protocol, EventHub events,
                          Limits limits) {
        this.path = path;
        this.server = server;
        this.protocol = protocol;
        this.events = events;
        this.limits = limits;
        AtomicInteger threads = new AtomicInteger();
        this.connections = new ThreadPoolExecutor(0, limits.maxClients(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "hakeeper-control-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::acceptLoop, "hakeeper-control-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds the socket at {@code path} (mode 0660, group {@code group} when given) and starts serving.
     *
     * @throws ControlSocketException when another daemon serves there, or the path is not usable
     */
    public static ControlServer start(Path path, Optional<String> group, ControlProtocol protocol, EventHub events,
                                      Limits limits) throws IOException {
        Path socket = path.toAbsolutePath();
        Files.createDirectories(socket.getParent());
        refuseLiveSocket(socket);
        Path temporary = socket.resolveSibling("." + socket.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        UnixStreamSocket server = null;
        try {
            server = UnixStreamSocket.listen(temporary, limits.backlog());
            warnWhenTheKernelCapsTheBacklog(limits.backlog());
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-rw----"));
            if (group.isPresent()) {
                GroupPrincipal principal = FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(group.get());
                Files.getFileAttributeView(temporary, java.nio.file.attribute.PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).setGroup(principal);
            }
            Files.move(temporary, socket, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(temporary);
            if (e instanceof java.nio.file.attribute.UserPrincipalNotFoundException) {
                throw new ControlSocketException("control_group " + group.orElse("") + " does not exist");
            }
            throw e;
        }
        ControlServer running = new ControlServer(socket, server, protocol, events, limits);
        running.acceptor.start();
        LOG.info("control socket {} (mode 0660{})", socket, group.map(g -> ", group " + g).orElse(""));
        return running;
    }

    /**
     * Refuses when another daemon answers on {@code socket}; a stale file is left for {@link #start} to
     * replace. hakeeperd asks before it starts any election, so that a second daemon touches nothing.
     */
    public static void refuseLiveSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!"socket".equals(fileType(socket))) {
            throw new ControlSocketException(socket + " exists and is not a socket; refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new ControlSocketException("another hakeeperd is serving on " + socket
                    + " (it answered a connection); stop it, or give this one --control-socket PATH");
        } catch (ControlSocketException e) {
            throw e;
        } catch (IOException e) {
            LOG.info("control socket {}: replacing the stale socket of a daemon that is gone ({})", socket,
                    e.getMessage());
        }
    }

    /** listen(2) silently cuts the backlog to net.core.somaxconn (128 before Linux 5.4). */
    private static void warnWhenTheKernelCapsTheBacklog(int backlog) {
        // a line read, not Files.readString: that sizes its read by the file, and sysctl files say 0
        try (java.io.BufferedReader reader = Files.newBufferedReader(SOMAXCONN)) {
            int cap = Integer.parseInt(String.valueOf(reader.readLine()).strip());
            if (cap < backlog) {
                LOG.warn("control socket: net.core.somaxconn is {}, below the {} connections hakeeperd queues;"
                        + " clients connecting at once past {} are refused rather than told busy", cap, backlog, cap);
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: nothing to warn about
        }
    }

    private static String fileType(Path file) throws IOException {
        Object mode = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int type = ((Integer) mode) & 0170000;
        return type == 0140000 ? "socket" : "other";
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            UnixStreamSocket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("control socket {}: accept failed: {}", path, e.getMessage());
                    sleepQuietly();
                }
                continue;
            }
            if (closed) {
                closeQuietly(client);
                break;
            }
            try {
                connections.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                writeQuietly(client, ControlProtocol.error(ErrorCode.BUSY, "more than " + limits.maxClients()
                        + " clients at once; try again"));
                closeQuietly(client);
            }
        }
    }

    private void serve(UnixStreamSocket client) {
        try (client) {
            UnixStreamSocket.Credentials credentials = client.peerCredentials();
            PeerCredentials peer = new PeerCredentials(credentials.uid(), credentials.gid(), credentials.pid());
            client.timeouts(limits.idle());
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (!closed) {
                int read = client.read(buffer);
                if (read < 0) {
                    return;
                }
                if (read == 0) {
                    // SO_RCVTIMEO ran out
                    write(client, ControlProtocol.error(ErrorCode.IDLE_TIMEOUT, "no complete request within "
                            + limits.idle().toSeconds() + " s; closing"));
                    return;
                }
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b != NEWLINE) {
                        if (line.size() >= limits.maxLineBytes()) {
                            write(client, ControlProtocol.error(ErrorCode.LINE_TOO_LONG, "a request line is at most "
                                    + limits.maxLineBytes() + " bytes; closing"));
                            return;
                        }
                        line.write(b);
                        continue;
                    }
                    String request = line.toString(StandardCharsets.UTF_8).strip();
                    line.reset();
                    if (request.isEmpty()) {
                        continue;
                    }
                    ControlProtocol.Reply reply = protocol.handle(request, peer);
                    write(client, reply.line());
                    if (reply instanceof ControlProtocol.Fatal) {
                        return;
                    }
                    if (reply instanceof ControlProtocol.Subscribe) {
                        stream(client);
                        return;
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("control connection ended: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes event lines until the client closes its end, or falls too far behind, or the server closes. */
    private void stream(UnixStreamSocket client) throws IOException, InterruptedException {
        try (EventHub.Subscription subscription = events.subscribe()) {
            byte[] probe = new byte[512];
            while (!closed) {
                String line = subscription.poll(250);
                if (subscription.overflowed()) {
                    write(client, ControlProtocol.error(ErrorCode.BUSY, "events came faster than this client read"
                            + " them; closing"));
                    return;
                }
                if (line != null) {
                    write(client, line);
                }
                // whatever the client sends now is ignored; its end of file ends the stream
                if (client.readNow(probe) < 0) {
                    return;
                }
            }
        }
    }

    private static void write(UnixStreamSocket client, String line) throws IOException {
        client.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void writeQuietly(UnixStreamSocket client, String line) {
        try {
            write(client, line);
        } catch (IOException e) {
            // it went away; nothing to tell it
        }
    }

    private static void closeQuietly(UnixStreamSocket client) {
        client.close();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, removes the socket file, and lets the connections end. */
    @Override
    public void close() {
        closed = true;
        try {
            // a blocked accept() is not woken by close(); a shutdown wakes it
            server.shutdown();
            acceptor.join(1000);
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("control socket {}: {}", path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.shutdownNow();
    }
}
