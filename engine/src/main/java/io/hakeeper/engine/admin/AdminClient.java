package io.hakeeper.engine.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * ha-admin's end of the control socket, on the JDK's own Unix-domain channel: no native binding to load,
 * which is most of a fast start (docs/benchmarks.md, "ha-admin status wall time").
 */
final class AdminClient implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;

    private AdminClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /** Thrown when the daemon cannot be reached; the message names the socket and the likely cause. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    static AdminClient connect(Path socket) throws Unreachable {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new AdminClient(channel);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            throw new Unreachable("cannot reach hakeeperd at " + socket + ": " + cause(socket, e));
        }
    }

    private static String cause(Path socket, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (!socket.toFile().exists()) {
            return "no such socket (is hakeeperd running? does --socket or global_defs.control_socket name it?)";
        }
        if (message.contains("ermission denied") || e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (connecting needs root or membership of the control_group)";
        }
        if (message.contains("onnection refused")) {
            return "nothing is listening (hakeeperd is not running; the socket file is a leftover)";
        }
        return message;
    }

    /** Sends one request line. */
    void send(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** The next line from the daemon, or {@code null} when it closed the connection. */
    String readLine() throws IOException {
        return in.readLine();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
