package io.hakeeper.engine.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;

/**
 * The kernel's own account of the network interfaces, as it happens: a non-blocking rtnetlink socket
 * (AF_NETLINK, NETLINK_ROUTE) in the multicast group of link changes, and optionally of IPv4 and IPv6
 * address changes. The event loop polls {@link #fd} (with {@link PollWaiter#watch}) and, when it is
 * readable, calls {@link #drain}, which reads until the socket is empty and tells a {@link LinkListener}
 * each {@link LinkEvent} and {@link AddressEvent} in the kernel's order.
 *
 * <p>Opening asks for a dump of every link (then of every address), so the first drains report the state
 * each interface starts in, and every watched name missing from it as {@link LinkEvent.Kind#ABSENT}: an
 * interface absent at start is known to be absent, and one that appears later arrives as a live
 * {@link LinkEvent.Kind#NEW}. If the kernel drops notifications because the socket's buffer overflowed
 * (ENOBUFS), the watch says so ({@link LinkListener#notificationsLost}) and dumps again; the new dump
 * reports ABSENT for a watched interface that vanished meanwhile.
 *
 * <p>"Up" for VRRP is {@link LinkEvent#isUp}: IFF_UP and IFF_RUNNING (carrier). The watch reports what the
 * kernel said; it does not filter repeats.
 *
 * <p>One thread drains (the loop's); draining allocates nothing in steady state: one receive buffer and
 * one {@code msghdr} for the watch's life, reusable event views, and interface names interned against the
 * watched names given to {@link #open} (an unwatched interface's name is a new String each message).
 * The socket belongs to the network namespace of the thread that opens it ({@link NetworkNamespace}).
 */
public final class LinkWatch implements AutoCloseable {

    // <linux/rtnetlink.h>: the legacy RTMGRP_* bit masks for sockaddr_nl.nl_groups
    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV6_IFADDR = 0x100;
    // <linux/netlink.h>
    private static final int NLM_F_REQUEST = 0x1;
    private static final int NLM_F_DUMP = 0x300;
    // struct sockaddr_nl { u16 family; u16 pad; u32 pid; u32 groups; }
    private static final int SOCKADDR_NL_SIZE = 12;
    /** As large as the kernel ever makes one dump datagram (it sizes them after our buffer, up to 32 KiB). */
    private static final int RECEIVE_BUFFER = 32 * 1024;

    private final NetlinkParser parser;
    private final boolean addresses;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER).order(ByteOrder.nativeOrder());
    private final long bufferAddress = Native.addressOf(buffer);
    private final MessageBuffers receiving = new MessageBuffers();
    private final NativeMemory request =
            NativeMemory.allocate(NetlinkParser.NLMSG_HEADER + NetlinkParser.IFINFOMSG_SIZE);
    private int fd;
    private int sequence;
    private boolean dumpRunning;
    private boolean linkDumpWanted;
    private boolean addressDumpWanted;
    private long notificationsLost;
    private SocketError lastError;

    private LinkWatch(int fd, Collection<String> watchedNames, boolean addresses) {
        this.fd = fd;
        this.parser = new NetlinkParser(watchedNames);
        this.addresses = addresses;
    }

    /**
     * Opens the watch in the calling thread's network namespace and asks for the first dump, whose answer
     * the next {@link #drain}s report.
     *
     * @param watchedNames the interfaces the caller cares about (the VRRP interfaces, {@code track_interface}):
     *                     reported ABSENT when a dump lacks them, and passed on without a copy of their name
     * @param addresses    also watch IPv4 and IPv6 addresses (and dump them after the links)
     * @throws NativeCallException naming {@code socket}, {@code bind} or the {@code write} of the dump
     *         request (rtnetlink's groups need no privilege, so these fail only when the system is short of
     *         descriptors or memory)
     */
    public static LinkWatch open(Collection<String> watchedNames, boolean addresses) throws NativeCallException {
        int fd = LibC.socket(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC,
                Linux.NETLINK_ROUTE);
        if (fd < 0) {
            throw new NativeCallException(new SocketError(NativeCall.SOCKET, "netlink route", Native.errno()));
        }
        int groups = RTMGRP_LINK | (addresses ? RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR : 0);
        NativeMemory address = NativeMemory.allocate(SOCKADDR_NL_SIZE);
        address.putShort(0, (short) Linux.AF_NETLINK);
        address.putInt(4, 0); // the kernel picks our port id
        address.putInt(8, groups);
        if (LibC.bind(fd, address.address(), SOCKADDR_NL_SIZE) < 0) {
            int errno = Native.errno();
            LibC.close(fd);
            throw new NativeCallException(new SocketError(NativeCall.BIND, "netlink groups 0x"
                    + Integer.toHexString(groups), errno));
        }
        LinkWatch watch = new LinkWatch(fd, watchedNames, addresses);
        watch.linkDumpWanted = true;
        watch.addressDumpWanted = addresses;
        if (!watch.nextDump()) {
            watch.close();
            throw new NativeCallException(watch.lastError);
        }
        return watch;
    }

    /** The descriptor to poll for input. */
    public int fd() {
        return fd;
    }

    /**
     * Reads everything waiting and reports it to {@code listener}, until the socket is empty.
     *
     * @return {@link IoStatus#DONE} once the socket is empty, {@link IoStatus#FAILED} when a receive or a
     *         dump request failed ({@link #lastError}); lost notifications are not a failure (they are told
     *         to the listener and repaired by a new dump)
     */
    public IoStatus drain(LinkListener listener) {
        while (true) {
            receiving.payload(bufferAddress, RECEIVE_BUFFER);
            receiving.lengths(SOCKADDR_NL_SIZE, 0);
            long received = LibC.recvmsg(fd, receiving.header.address(), 0);
            if (received < 0) {
                int errno = Native.errno();
                if (errno == Linux.EAGAIN) {
                    return IoStatus.DONE;
                }
                if (errno == Linux.EINTR) {
                    continue;
                }
                if (errno == Linux.ENOBUFS) {
                    lost(listener);
                    continue;
                }
                lastError = new SocketError(NativeCall.RECVMSG, "netlink", errno);
                return IoStatus.FAILED;
            }
            if ((receiving.flags() & Linux.MSG_TRUNC) != 0) {
                lost(listener); // cannot happen with a 32 KiB buffer; if it does, what was cut is lost
                continue;
            }
            if (receiving.name.getInt(4) != 0) {
                continue; // not from the kernel (port id 0): another process cannot speak for it
            }
            buffer.clear().limit((int) received);
            if (parser.parse(buffer, listener)) {
                dumpRunning = false;
                int errno = parser.errorNumber();
                if (errno == Linux.EBUSY) {
                    linkDumpWanted = true; // the kernel was still busy with a dump on this socket: ask again
                } else if (errno != 0) {
                    lastError = new SocketError(NativeCall.NETLINK_REQUEST, "dump", errno);
                    nextDump();
                    return IoStatus.FAILED;
                }
                if (!nextDump()) {
                    return IoStatus.FAILED;
                }
            }
        }
    }

    private void lost(LinkListener listener) {
        notificationsLost++;
        listener.notificationsLost();
        linkDumpWanted = true;
        addressDumpWanted = addresses;
        nextDump(); // a failed request shows in lastError; the next lost notification or drain tries again
    }

    /** Starts the next wanted dump unless one is running: links first, then addresses. One at a time per socket. */
    private boolean nextDump() {
        if (dumpRunning) {
            return true;
        }
        if (linkDumpWanted) {
            linkDumpWanted = false;
            return requestDump(NetlinkParser.RTM_GETLINK, NetlinkParser.IFINFOMSG_SIZE, true);
        }
        if (addressDumpWanted) {
            addressDumpWanted = false;
            return requestDump(NetlinkParser.RTM_GETADDR, NetlinkParser.IFADDRMSG_SIZE, false);
        }
        return true;
    }

    /** Sends a dump request; false (with {@link #lastError}) when the kernel would not take it. */
    private boolean requestDump(int type, int bodySize, boolean links) {
        int length = NetlinkParser.NLMSG_HEADER + bodySize;
        sequence++;
        request.putInt(0, length);
        request.putShort(4, (short) type);
        request.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        request.putInt(8, sequence);
        request.putInt(12, 0);
        request.fill(NetlinkParser.NLMSG_HEADER, bodySize, (byte) 0); // family AF_UNSPEC: every family
        parser.dumpStarted(sequence, links);
        // an unconnected netlink socket without an address sends to the kernel, so write(2) will do
        if (LibC.write(fd, request.address(), length) < 0) {
            lastError = new SocketError(NativeCall.WRITE, "netlink dump request", Native.errno());
            return false;
        }
        dumpRunning = true;
        return true;
    }

    /** How many times the kernel dropped notifications for this watch (each time, a new dump followed). */
    public long notificationsLost() {
        return notificationsLost;
    }

    /** The last failure of a receive or a dump request, or null. */
    public SocketError lastError() {
        return lastError;
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
        return "link watch (netlink fd " + fd + ")";
    }
}
