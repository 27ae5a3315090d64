package io.hakeeper.engine.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;

import io.hakeeper.engine.config.model.Family;

/**
 * A non-blocking raw IP socket for VRRP (protocol 112, or 51 for AH) on one interface and one family,
 * shared by every instance on that interface: bound to the interface, member of 224.0.0.18 / ff02::12
 * there, sending with TTL / hop limit 255 and never hearing its own multicast.
 *
 * <p>IPv4: the kernel builds the IP header of what we send (except for AH, protocol 51, whose digest
 * covers the IP header: that socket is IP_HDRINCL and sends the packet the encoder built), and gives us the whole IP packet on receive
 * (the TTL is read from that header). IPv6: the kernel strips the header on receive and hands the hop
 * limit and destination over as control messages; the VRRP checksum is left to us both ways. Every send
 * names its source address: the one the advert was encoded with, the one it leaves from.
 *
 * <p>Sending and receiving allocate nothing: each direction owns its native msghdr, iovec, address and
 * control memory. One thread may send while another receives, but two threads must not send (or
 * receive) at once. Failures return {@link IoStatus#FAILED} with {@link #lastError()} naming the call and
 * errno; exceptions are thrown only by {@link #open}.
 *
 * <p>The socket belongs to the network namespace of the thread that opens it, for good; see
 * {@link NetworkNamespace} to open one in another namespace.
 */
public final class RawVrrpSocket implements AdvertTransport, AutoCloseable {

    public static final int VRRP_PROTOCOL = 112;
    public static final int AH_PROTOCOL = 51;
    /** Packets dropped at most when the socket opens, and the buffer they are read into. */
    private static final int MAX_DISCARDED = 10_000;
    private static final int MAX_DISCARD_BUFFER = 2048;

    private final Family family;
    private final String interfaceName;
    private final int interfaceIndex;
    private final int protocol;
    private final byte[] linkLocal;
    private final MessageBuffers sending = new MessageBuffers();
    private final MessageBuffers receiving = new MessageBuffers();
    private int fd;
    private ByteBuffer lastSendBuffer;
    private long lastSendAddress;
    private ByteBuffer lastReceiveBuffer;
    private long lastReceiveAddress;
    private volatile SocketError lastError;

    private RawVrrpSocket(int fd, Family family, String interfaceName, int interfaceIndex, int protocol,
            byte[] linkLocal) {
        this.fd = fd;
        this.family = family;
        this.interfaceName = interfaceName;
        this.interfaceIndex = interfaceIndex;
        this.protocol = protocol;
        this.linkLocal = linkLocal;
    }

    /**
     * Opens and configures the socket in the calling thread's network namespace.
     *
     * @throws NativeCallException naming the call that failed: {@code if_nametoindex} (ENODEV: no such
     *         interface), {@code socket} (EPERM: not root / no CAP_NET_RAW), a {@code setsockopt} option, or
     *         for IPv6 finding the link-local address (EADDRNOTAVAIL: the interface has none yet)
     */
    public static RawVrrpSocket open(Family family, String interfaceName, int protocol) throws NativeCallException {
        return open(family, interfaceName, protocol, address -> false);
    }

    /**
     * As {@link #open(Family, String, int)}, for IPv6 with the interface's own link-local address as the
     * source: one that {@code virtual} says is a configured VIP is passed over.
     */
    public static RawVrrpSocket open(Family family, String interfaceName, int protocol, Predicate<byte[]> virtual)
            throws NativeCallException {
        int index = LibC.if_nametoindex(interfaceName);
        if (index == 0) {
            throw new NativeCallException(new SocketError(NativeCall.IF_NAMETOINDEX, interfaceName, Native.errno()));
        }
        byte[] linkLocal = family == Family.IPV6 ? linkLocalOf(interfaceName, virtual) : null;
        int fd = LibC.socket(family == Family.IPV6 ? Linux.AF_INET6 : Linux.AF_INET,
                Linux.SOCK_RAW | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new NativeCallException(new SocketError(NativeCall.SOCKET, family + " protocol " + protocol,
                    Native.errno()));
        }
        try {
            SocketOptions options = new SocketOptions(fd, interfaceName, index);
            if (family == Family.IPV6) {
                options.applyIpv6();
            } else {
                options.applyIpv4(protocol == AH_PROTOCOL);
            }
        } catch (NativeCallException e) {
            LibC.close(fd);
            throw e;
        }
        RawVrrpSocket socket = new RawVrrpSocket(fd, family, interfaceName, index, protocol, linkLocal);
        socket.discardQueuedBeforeBinding();
        return socket;
    }

    /**
     * A socket of {@code family} that was never opened (its descriptor is -1), for rehearsing the send path:
     * {@link #send} runs all of its own code and the native call, which the kernel refuses at once (EBADF)
     * without a packet. A backup's first advert as master is otherwise the first send of its process: the
     * constant-pool links, the native call's first binding and the interpreter, about 0.3 ms between its
     * Master_Down_Interval and the advert.
     */
    public static RawVrrpSocket unopened(Family family) {
        return new RawVrrpSocket(-1, family, "rehearsal", 0, VRRP_PROTOCOL, null);
    }

    /**
     * From socket(2) until SO_BINDTODEVICE took hold the socket heard the protocol's packets of every
     * interface of the namespace; those are dropped here, so that no instance takes an advert from another
     * segment for one of its own. Adverts of the right interface dropped with them are at most one interval's.
     * Bounded, in case a flood keeps the queue full.
     */
    private void discardQueuedBeforeBinding() {
        ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_DISCARD_BUFFER);
        ReceivedPacket ignored = new ReceivedPacket();
        for (int i = 0; i < MAX_DISCARDED && receive(scratch, ignored) == IoStatus.DONE; i++) {
            // dropped
        }
        lastError = null;
        lastReceiveBuffer = null;
    }

    private static byte[] linkLocalOf(String interfaceName, Predicate<byte[]> virtual) throws NativeCallException {
        try {
            return LinkLocalAddress.of(interfaceName, virtual).orElseThrow(() -> new NativeCallException(
                    new SocketError(NativeCall.FIND_LINK_LOCAL, interfaceName, Linux.EADDRNOTAVAIL)));
        } catch (IOException e) {
            throw new NativeCallException(new SocketError(NativeCall.FIND_LINK_LOCAL, e.getMessage(),
                    Linux.EADDRNOTAVAIL));
        }
    }

    /**
     * Sends {@code payload} (position to limit, a direct buffer; not moved) to {@code destination} from
     * {@code source}, and from nowhere else: the source goes to the kernel with the packet (IP_PKTINFO,
     * IPV6_PKTINFO), which refuses it (for IPv4 without IP_HDRINCL; always for IPv6) when the host does not
     * have that address, rather than picking another one. An unspecified source (0.0.0.0, ::) is refused
     * here: the kernel would take it as "choose one".
     *
     * @param destination network order, 4 bytes for IPv4 and 16 for IPv6: the group or a unicast peer
     * @param source      the address the advert was encoded with (mcast_src_ip, unicast_src_ip, or the
     *                    interface's address), as long as {@code destination}
     */
    @Override
    public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
        if (isUnspecified(source)) {
            return failure(NativeCall.SENDMSG, Linux.EADDRNOTAVAIL, source);
        }
        if (payload != lastSendBuffer) {
            lastSendAddress = Native.addressOf(payload);
            lastSendBuffer = payload;
        }
        sending.payload(lastSendAddress + payload.position(), payload.remaining());
        int controlLength;
        if (family == Family.IPV6) {
            sending.sockaddrIn6(destination, interfaceIndex);
            // struct in6_pktinfo { in6_addr addr; int ifindex; }: the source address and the way out
            controlLength = sending.controlMessage(Linux.IPPROTO_IPV6, Linux.IPV6_PKTINFO, 20);
            sending.control.put(MessageBuffers.CMSG_HEADER, source, 0, 16);
            sending.control.putInt(MessageBuffers.CMSG_HEADER + 16, interfaceIndex);
            sending.lengths(MessageBuffers.SOCKADDR_IN6_SIZE, controlLength);
        } else {
            sending.sockaddrIn(destination);
            // struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr; }: spec_dst is the source. With
            // IP_HDRINCL (AH) the header we wrote carries it already; the route is looked up from it all the same
            controlLength = sending.controlMessage(Linux.IPPROTO_IP, Linux.IP_PKTINFO, 12);
            sending.control.putInt(MessageBuffers.CMSG_HEADER, 0);
            sending.control.put(MessageBuffers.CMSG_HEADER + 4, source, 0, 4);
            sending.control.putInt(MessageBuffers.CMSG_HEADER + 8, 0);
            sending.lengths(MessageBuffers.SOCKADDR_IN_SIZE, controlLength);
        }
        if (LibC.sendmsg(fd, sending.header.address(), 0) >= 0) {
            return IoStatus.DONE;
        }
        int errno = Native.errno();
        // a signal that lands during the call has sent nothing: one more try, or the advert is lost
        if (errno == Linux.EINTR && LibC.sendmsg(fd, sending.header.address(), 0) >= 0) {
            return IoStatus.DONE;
        }
        return failure(NativeCall.SENDMSG, errno == Linux.EINTR ? Native.errno() : errno, source);
    }

    private static boolean isUnspecified(byte[] address) {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Receives one packet, if one is waiting, into {@code into} from index 0 (a direct buffer; on
     * {@link IoStatus#DONE} its position is 0 and its limit the packet's length), and describes it in
     * {@code packet}.
     */
    public IoStatus receive(ByteBuffer into, ReceivedPacket packet) {
        if (into != lastReceiveBuffer) {
            lastReceiveAddress = Native.addressOf(into);
            lastReceiveBuffer = into;
        }
        receiving.payload(lastReceiveAddress, into.capacity());
        boolean ipv6 = family == Family.IPV6;
        receiving.lengths(ipv6 ? MessageBuffers.SOCKADDR_IN6_SIZE : MessageBuffers.SOCKADDR_IN_SIZE,
                MessageBuffers.CONTROL_SIZE);
        long received = LibC.recvmsg(fd, receiving.header.address(), 0);
        if (received < 0) {
            return failure(NativeCall.RECVMSG, Native.errno());
        }
        describe(receiving, into, received, packet);
        return IoStatus.DONE;
    }

    /**
     * Receives as many of the waiting packets as {@code batch} holds, with one call: on {@link IoStatus#DONE}
     * {@link ReceiveBatch#count()} says how many (at least one), each in its buffer and described in its
     * packet as {@link #receive(ByteBuffer, ReceivedPacket)} does. Fewer than the batch holds means the queue
     * is empty now. {@link IoStatus#WOULD_BLOCK}: none was waiting.
     */
    public IoStatus receive(ReceiveBatch batch) {
        boolean ipv6 = family == Family.IPV6;
        batch.prepare(ipv6 ? MessageBuffers.SOCKADDR_IN6_SIZE : MessageBuffers.SOCKADDR_IN_SIZE,
                MessageBuffers.CONTROL_SIZE);
        // the socket is non-blocking: the kernel returns what it found once the queue is empty
        int received = LibC.recvmmsg(fd, batch.vector.address(), batch.capacity(), 0, 0);
        if (received < 0) {
            return failure(NativeCall.RECVMMSG, Native.errno());
        }
        for (int i = 0; i < received; i++) {
            describe(batch.message(i), batch.buffer(i), batch.receivedLength(i), batch.packet(i));
        }
        batch.received(received);
        return received > 0 ? IoStatus.DONE : IoStatus.WOULD_BLOCK;
    }

    private void describe(MessageBuffers message, ByteBuffer into, long received, ReceivedPacket packet) {
        int length = (int) Math.min(received, into.capacity());
        into.clear().limit(length);
        packet.reset(family, length, (message.flags() & Linux.MSG_TRUNC) != 0);
        if (family == Family.IPV6) {
            message.name.get(8, packet.sourceBytes(), 0, 16);
        } else {
            message.name.get(4, packet.sourceBytes(), 0, 4);
            readIpv4Header(into, length, packet);
        }
        int arrivedOn = readControlMessages(message, packet);
        packet.otherInterface(arrivedOn != 0 && arrivedOn != interfaceIndex);
    }

    private static void readIpv4Header(ByteBuffer packetBytes, int length, ReceivedPacket packet) {
        if (length < 20) {
            packet.payloadOffset(length); // a runt: nothing after a header that is not even whole
            return;
        }
        packet.payloadOffset(Math.min(length, (packetBytes.get(0) & 0x0f) * 4));
        packet.hopLimit(packetBytes.get(8) & 0xff);
        packetBytes.get(16, packet.destinationBytes(), 0, 4);
    }

    /**
     * Reads the packet's control messages: for IPv6 the hop limit and destination; for both families the
     * time of its arrival and the index of the interface it came in on, which is returned (0 when the
     * kernel did not say).
     */
    private static int readControlMessages(MessageBuffers message, ReceivedPacket packet) {
        int end = message.controlLength();
        int offset = 0;
        int arrivedOn = 0;
        while (offset + MessageBuffers.CMSG_HEADER <= end) {
            int length = (int) message.control.getLong(offset);
            if (length < MessageBuffers.CMSG_HEADER) {
                break; // malformed: stop rather than loop
            }
            int level = message.control.getInt(offset + 8);
            int type = message.control.getInt(offset + 12);
            int data = offset + MessageBuffers.CMSG_HEADER;
            if (level == Linux.IPPROTO_IPV6 && type == Linux.IPV6_HOPLIMIT) {
                packet.hopLimit(message.control.getInt(data));
            } else if (level == Linux.IPPROTO_IPV6 && type == Linux.IPV6_PKTINFO) {
                // struct in6_pktinfo { in6_addr ipi6_addr; int ipi6_ifindex; }
                message.control.get(data, packet.destinationBytes(), 0, 16);
                arrivedOn = message.control.getInt(data + 16);
            } else if (level == Linux.IPPROTO_IP && type == Linux.IP_PKTINFO) {
                // struct in_pktinfo { int ipi_ifindex; in_addr ipi_spec_dst; in_addr ipi_addr; }
                arrivedOn = message.control.getInt(data);
            } else if (level == Linux.SOL_SOCKET && type == Linux.SO_TIMESTAMPNS && length >= MessageBuffers.CMSG_HEADER + 16) {
                // struct timespec { long tv_sec; long tv_nsec; }
                packet.arrivedAtRealtimeNanos(message.control.getLong(data) * 1_000_000_000L
                        + message.control.getLong(data + 8));
            }
            offset += MessageBuffers.align(length);
        }
        return arrivedOn;
    }

    private IoStatus failure(NativeCall call, int errno) {
        return failure(call, errno, null);
    }

    /** {@code source}: the address a failed send was to leave from, named in the error (EADDRNOTAVAIL, EINVAL ...). */
    private IoStatus failure(NativeCall call, int errno, byte[] source) {
        if (errno == Linux.EAGAIN || errno == Linux.EINTR) {
            return IoStatus.WOULD_BLOCK;
        }
        lastError = new SocketError(call, source == null ? interfaceName : interfaceName + " from " + text(source),
                errno);
        return IoStatus.FAILED;
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address.length + " bytes"; // neither 4 nor 16: only a caller's mistake gets here
        }
    }

    /** The most recent failure of a send or receive, or null when none has failed. */
    @Override
    public SocketError lastError() {
        return lastError;
    }

    /** The file descriptor, for {@link Poller}. */
    public int fd() {
        return fd;
    }

    public Family family() {
        return family;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int interfaceIndex() {
        return interfaceIndex;
    }

    public int protocol() {
        return protocol;
    }

    /**
     * The interface's IPv6 link-local address when the socket was opened (16 bytes, a copy), the source of
     * adverts unless mcast_src_ip names another; null for IPv4.
     */
    public byte[] linkLocalAddress() {
        return linkLocal == null ? null : linkLocal.clone();
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LibC.close(fd);
            fd = -1;
        }
    }

    @Override
    public String toString() {
        return "raw " + family + " protocol " + protocol + " on " + interfaceName;
    }
}
