package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.jna.LastErrorException;

import io.hakeeper.libc.Syscalls;

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
    // native memory, each buffer's address looked up once: the calls on a new master's way to its first
    // gratuitous ARP go through the daemon's directly mapped libc (Syscalls), which takes addresses
    private final ByteBuffer received = ByteBuffer.allocateDirect(RECEIVE_CAPACITY).order(ByteOrder.nativeOrder());
    private final long receivedAddress = Syscalls.addressOf(received);
    private final ByteBuffer kernel = ByteBuffer.allocateDirect(SOCKADDR_NL_LENGTH).order(ByteOrder.nativeOrder());
    private final long kernelAddress = Syscalls.addressOf(kernel);
    private final ByteBuffer sender = ByteBuffer.allocateDirect(SOCKADDR_NL_LENGTH).order(ByteOrder.nativeOrder());
    private final long senderAddress = Syscalls.addressOf(sender);
    /** A socklen_t: the room at {@link #sender}, then the length the kernel wrote there. */
    private final ByteBuffer senderLength = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
    private final long senderLengthAddress = Syscalls.addressOf(senderLength);
    private final ByteBuffer ifreq = ByteBuffer.allocateDirect(LibC.IFREQ_SIZE).order(ByteOrder.nativeOrder());
    private final long ifreqAddress = Syscalls.addressOf(ifreq);
    private int fd = -1;

    NetlinkSocket(Opener opener, Duration timeout) {
        this.opener = opener;
        this.timeout = timeout;
        kernel.putShort(0, (short) LibC.AF_NETLINK);
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
        request.position(0);
        if (Syscalls.sendto(descriptor, Syscalls.addressOf(request), request.limit(), 0, kernelAddress,
                SOCKADDR_NL_LENGTH) < 0) {
            int errno = Syscalls.errno();
            close();
            throw new IOException("cannot send to the kernel over netlink: " + Errno.text(errno));
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
            received.clear();
            senderLength.putInt(0, SOCKADDR_NL_LENGTH);
            long length = Syscalls.recvfrom(descriptor, receivedAddress, received.capacity(), LibC.MSG_TRUNC,
                    senderAddress, senderLengthAddress);
            if (length < 0) {
                int errno = Syscalls.errno();
                close();
                if (errno == Errno.EAGAIN) {
                    throw new IOException("the kernel did not answer over netlink within " + timeout.toMillis()
                            + " ms");
                }
                throw new IOException("cannot receive from the kernel over netlink: " + Errno.text(errno));
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
        int descriptor = descriptor();
        for (int i = 0; i < LibC.IFREQ_SIZE; i++) {
            ifreq.put(i, i < bytes.length ? bytes[i] : 0);
        }
        if (Syscalls.ioctl(descriptor, LibC.SIOCGIFINDEX, ifreqAddress) < 0) {
            return -Syscalls.errno();
        }
        return ifreq.getInt(LibC.IFNAMSIZ);
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
        return sender.getShort(0) == LibC.AF_NETLINK && sender.getInt(4) == 0;
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
