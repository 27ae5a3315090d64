package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;

/**
 * One NETLINK_ROUTE socket: sends a request to the kernel and receives its answers, one datagram at a
 * time, each waiting at most the timeout (SO_RCVTIMEO), so that a kernel that never answers cannot hold
 * the VIP thread. Datagrams from anyone but the kernel (port id 0) are dropped unread.
 *
 * <p>The socket is opened on first use and closed after any failure, so the next call opens a new one and
 * a late answer to an abandoned request can never be read as the answer to the next. Not thread-safe: its
 * owner makes one request at a time.
 */
final class NetlinkSocket implements AutoCloseable {

    /** Makes the socket's file descriptor; a socket keeps the network namespace it was made in. */
    @FunctionalInterface
    interface Opener {
        int open() throws IOException;
    }

    /** Large enough for any datagram of a dump (the kernel fills at most 32 KiB); larger is an error. */
    private static final int RECEIVE_CAPACITY = 64 * 1024;
    private static final int SOCKADDR_NL_LENGTH = 12;

    private final Opener opener;
    private final Duration timeout;
    private final ByteBuffer received = ByteBuffer.allocateDirect(RECEIVE_CAPACITY).order(ByteOrder.nativeOrder());
    private final byte[] kernel = new byte[SOCKADDR_NL_LENGTH];
    private final byte[] sender = new byte[SOCKADDR_NL_LENGTH];
    private final int[] senderLength = new int[1];
    private final byte[] ifreq = new byte[LibC.IFREQ_SIZE];
    private int fd = -1;

    NetlinkSocket(Opener opener, Duration timeout) {
        this.opener = opener;
        this.timeout = timeout;
        ByteBuffer.wrap(kernel).order(ByteOrder.nativeOrder()).putShort((short) LibC.AF_NETLINK);
    }

    /** A socket in the network namespace of the calling thread, the daemon's own. */
    static int openHere() throws IOException {
        try {
            return LibC.INSTANCE.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a netlink socket: " + Errno.text(e.getErrorCode()), e);
        }
    }

    /**
     * A socket in the network namespace mounted at the path ({@code /run/netns/NAME}), for tests: made on
     * a thread of its own that first joins that namespace, and that ends at once, so no other thread of
     * the JVM ever leaves the daemon's namespace.
     */
    static int openIn(Path namespace) throws IOException {
        int[] fd = {-1};
        IOException[] failure = {null};
        Thread opener = new Thread(() -> {
            try {
                int ns = LibC.INSTANCE.open(namespace.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
                try {
                    LibC.INSTANCE.setns(ns, LibC.CLONE_NEWNET);
                } finally {
                    LibC.INSTANCE.close(ns);
                }
                fd[0] = openHere();
            } catch (LastErrorException e) {
                failure[0] = new IOException("cannot join " + namespace + ": " + Errno.text(e.getErrorCode()), e);
            } catch (IOException e) {
                failure[0] = e;
            }
        }, "netlink-socket-in-" + namespace.getFileName());
        opener.start();
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening a netlink socket in " + namespace, e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return fd[0];
    }

    /**
     * Sends the request, from position 0 to the buffer's limit, to the kernel.
     *
     * @throws IOException with errno's text; the socket is closed
     */
    void send(ByteBuffer request) throws IOException {
        int descriptor = descriptor();
        try {
            request.position(0);
            LibC.INSTANCE.sendto(descriptor, request, new NativeLong(request.limit()), 0, kernel, kernel.length);
        } catch (LastErrorException e) {
            close();
            throw new IOException("cannot send to the kernel over netlink: " + Errno.text(e.getErrorCode()), e);
        }
    }

    /**
     * The next datagram from the kernel, from position 0 to its length; valid until the next call.
     *
     * @throws IOException after the timeout, or with errno's text; the socket is closed
     */
    ByteBuffer receive() throws IOException {
        int descriptor = descriptor();
        while (true) {
            long length;
            received.clear();
            senderLength[0] = sender.length;
            try {
                length = LibC.INSTANCE.recvfrom(descriptor, received, new NativeLong(received.capacity()),
                        LibC.MSG_TRUNC, sender, senderLength).longValue();
            } catch (LastErrorException e) {
                close();
                if (e.getErrorCode() == Errno.EAGAIN) {
                    throw new IOException("the kernel did not answer over netlink within " + timeout.toMillis()
                            + " ms");
                }
                throw new IOException("cannot receive from the kernel over netlink: "
                        + Errno.text(e.getErrorCode()), e);
            }
            if (length > received.capacity()) {
                close();
                throw new IOException("a netlink answer of " + length + " bytes is larger than "
                        + received.capacity());
            }
            if (fromKernel()) {
                received.limit((int) length);
                return received;
            }
        }
    }

    /**
     * The index of the interface named {@code name} in the socket's network namespace, or -errno (ENODEV
     * when there is none): SIOCGIFINDEX on this socket, one system call, where RTM_GETLINK cost a request, an
     * answer of a kilobyte and its acknowledgement on the way to a new master's first gratuitous ARP.
     */
    int interfaceIndex(String name) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length >= LibC.IFNAMSIZ) {
            return -Errno.ENODEV; // no interface has such a name
        }
        Arrays.fill(ifreq, (byte) 0);
        System.arraycopy(bytes, 0, ifreq, 0, bytes.length);
        try {
            LibC.INSTANCE.ioctl(descriptor(), LibC.SIOCGIFINDEX, ifreq);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
        return ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getInt(LibC.IFNAMSIZ);
    }

    @Override
    public void close() {
        if (fd >= 0) {
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // the descriptor is released even when close reports an error (Linux)
            }
            fd = -1;
        }
    }

    private boolean fromKernel() {
        ByteBuffer address = ByteBuffer.wrap(sender).order(ByteOrder.nativeOrder());
        return address.getShort(0) == LibC.AF_NETLINK && address.getInt(4) == 0;
    }

    private int descriptor() throws IOException {
        if (fd < 0) {
            int opened = opener.open();
            try {
                LibC.INSTANCE.setsockopt(opened, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval(timeout), 16);
            } catch (LastErrorException e) {
                LibC.INSTANCE.close(opened);
                throw new IOException("cannot set a receive timeout on the netlink socket: "
                        + Errno.text(e.getErrorCode()), e);
            }
            fd = opened;
        }
        return fd;
    }

    /** struct timeval on LP64: seconds and microseconds, two longs. */
    private static byte[] timeval(Duration timeout) {
        byte[] value = new byte[16];
        ByteBuffer.wrap(value).order(ByteOrder.nativeOrder())
                .putLong(timeout.toSeconds()).putLong(timeout.toNanosPart() / 1000);
        return value;
    }
}
