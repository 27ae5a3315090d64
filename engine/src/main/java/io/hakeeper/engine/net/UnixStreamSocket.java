package io.hakeeper.engine.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Unix stream socket on libc's calls: the control server's listening socket and its connections. The
 * JDK's own Unix channels have neither the peer's pid nor time-outs on a blocking read, both of which the
 * control server needs (SO_PEERCRED for its permission check and audit log, SO_RCVTIMEO to close an idle
 * client). Blocking, one thread per socket; {@link #shutdown()} from another thread wakes a blocked
 * {@link #accept()} or {@link #read}.
 */
public final class UnixStreamSocket implements AutoCloseable {

    /** The peer process's credentials at connect time, as SO_PEERCRED reports them. */
    public record Credentials(int pid, int uid, int gid) {
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SO_PEERCRED = 17;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDTIMEO = 21;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SHUT_RDWR = 2;
    /** struct sockaddr_un: a short family, then the path, NUL-terminated, in 108 bytes. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int SUN_PATH_OFFSET = 2;
    private static final int UCRED_SIZE = 12;
    private static final int TIMEVAL_SIZE = 16;
    private static final int BUFFER_BYTES = 8192;

    private final NativeMemory buffer;
    private volatile int fd;

    private UnixStreamSocket(int fd, int bufferBytes) {
        this.fd = fd;
        this.buffer = NativeMemory.allocate(bufferBytes);
    }

    /** A socket bound at {@code path} (which must not exist) and listening with room for {@code backlog}. */
    public static UnixStreamSocket listen(Path path, int backlog) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SOCKADDR_UN_SIZE - SUN_PATH_OFFSET) {
            throw new IOException("socket path " + path + " is longer than the "
                    + (SOCKADDR_UN_SIZE - SUN_PATH_OFFSET - 1) + " bytes a Unix socket's address holds");
        }
        int fd = LibC.socket(AF_UNIX, SOCK_STREAM | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure(NativeCall.SOCKET, path.toString());
        }
        UnixStreamSocket socket = new UnixStreamSocket(fd, 0); // it never reads: no buffer
        NativeMemory address = NativeMemory.allocate(SOCKADDR_UN_SIZE);
        address.putShort(0, (short) AF_UNIX);
        address.put(SUN_PATH_OFFSET, name, 0, name.length);
        if (LibC.bind(fd, address.address(), SUN_PATH_OFFSET + name.length + 1) < 0) {
            IOException e = failure(NativeCall.BIND, path.toString());
            socket.close();
            throw e;
        }
        if (LibC.listen(fd, backlog) < 0) {
            IOException e = failure(NativeCall.LISTEN, path.toString());
            socket.close();
            throw e;
        }
        return socket;
    }

    /** The next connection; blocks. After {@link #shutdown()} it fails at once. */
    public UnixStreamSocket accept() throws IOException {
        while (true) {
            int client = LibC.accept4(fd, 0, 0, Linux.SOCK_CLOEXEC);
            if (client >= 0) {
                return new UnixStreamSocket(client, BUFFER_BYTES);
            }
            if (Native.errno() != Linux.EINTR) {
                throw failure(NativeCall.ACCEPT4, "");
            }
        }
    }

    public Credentials peerCredentials() throws IOException {
        NativeMemory credentials = NativeMemory.allocate(UCRED_SIZE + 4);
        credentials.putInt(UCRED_SIZE, UCRED_SIZE); // the socklen_t after the struct
        if (LibC.getsockopt(fd, Linux.SOL_SOCKET, SO_PEERCRED, credentials.address(),
                credentials.address() + UCRED_SIZE) < 0) {
            throw failure(NativeCall.GETSOCKOPT, "SO_PEERCRED");
        }
        return new Credentials(credentials.getInt(0), credentials.getInt(4), credentials.getInt(8));
    }

    /** A read or a write that waits longer than {@code limit} gives up (see {@link #read}, {@link #write}). */
    public void timeouts(Duration limit) throws IOException {
        NativeMemory time = NativeMemory.allocate(TIMEVAL_SIZE);
        time.putLong(0, limit.toSeconds());
        time.putLong(8, limit.toMillisPart() * 1000L);
        if (LibC.setsockopt(fd, Linux.SOL_SOCKET, SO_RCVTIMEO, time.address(), TIMEVAL_SIZE) < 0
                || LibC.setsockopt(fd, Linux.SOL_SOCKET, SO_SNDTIMEO, time.address(), TIMEVAL_SIZE) < 0) {
            throw failure(NativeCall.SETSOCKOPT, "SO_RCVTIMEO, SO_SNDTIMEO");
        }
    }

    /**
     * Reads what has come, up to {@code into.length} bytes, waiting for it up to the read time-out.
     *
     * @return the bytes read; 0 when the time-out ran out first; -1 at the end of the stream
     */
    public int read(byte[] into) throws IOException {
        return receive(into, 0);
    }

    /** As {@link #read}, without waiting: 0 when nothing has come. */
    public int readNow(byte[] into) throws IOException {
        return receive(into, MSG_DONTWAIT);
    }

    private int receive(byte[] into, int flags) throws IOException {
        int room = Math.min(into.length, buffer.size());
        while (true) {
            long read = LibC.recv(fd, buffer.address(), room, flags);
            if (read > 0) {
                buffer.get(0, into, 0, (int) read);
                return (int) read;
            }
            if (read == 0) {
                return -1;
            }
            int errno = Native.errno();
            if (errno == Linux.EAGAIN) {
                return 0;
            }
            if (errno != Linux.EINTR) {
                throw failure(NativeCall.RECV, "");
            }
        }
    }

    /** Writes every byte, or fails: the peer went away, or did not read for as long as the write time-out. */
    public void write(byte[] bytes) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            int chunk = Math.min(bytes.length - done, buffer.size());
            buffer.put(0, bytes, done, chunk);
            int sent = 0;
            while (sent < chunk) {
                long wrote = LibC.send(fd, buffer.address() + sent, chunk - sent, MSG_NOSIGNAL);
                if (wrote >= 0) {
                    sent += (int) wrote;
                    continue;
                }
                int errno = Native.errno();
                if (errno == Linux.EAGAIN) {
                    throw new IOException("the client does not read its answer");
                }
                if (errno != Linux.EINTR) {
                    throw failure(NativeCall.SEND, "");
                }
            }
            done += chunk;
        }
    }

    /** Ends both directions: a thread blocked in {@link #accept()} or {@link #read} returns. */
    public void shutdown() {
        int descriptor = fd;
        if (descriptor >= 0) {
            LibC.shutdown(descriptor, SHUT_RDWR);
        }
    }

    @Override
    public synchronized void close() {
        int descriptor = fd;
        if (descriptor >= 0) {
            fd = -1;
            LibC.close(descriptor);
        }
    }

    /** The failure of the call just made, worded as every native failure of this package is ({@link SocketError}). */
    private static IOException failure(NativeCall call, String detail) {
        return new IOException(new SocketError(call, detail, Native.errno()).toString());
    }
}
