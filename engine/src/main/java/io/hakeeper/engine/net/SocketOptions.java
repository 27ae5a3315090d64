package io.hakeeper.engine.net;

import java.nio.charset.StandardCharsets;

/**
 * Configures a fresh raw VRRP socket: bound to its interface, member of the VRRP group there, TTL / hop
 * limit 255 on everything it sends (RFC 5798 5.1.1.3, receivers drop anything else), none of its own
 * multicast looped back, and for IPv6 the hop limit and destination of each received packet delivered
 * as control messages. Runs once per socket, so it may allocate; each failing option is named.
 */
final class SocketOptions {

    private static final int MAX_HOPS = 255;
    private static final byte[] VRRP_GROUP_V4 = {(byte) 224, 0, 0, 18};
    private static final byte[] VRRP_GROUP_V6 = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};

    private final int fd;
    private final String interfaceName;
    private final int interfaceIndex;
    private final NativeMemory scratch = NativeMemory.allocate(32);

    SocketOptions(int fd, String interfaceName, int interfaceIndex) {
        this.fd = fd;
        this.interfaceName = interfaceName;
        this.interfaceIndex = interfaceIndex;
    }

    /**
     * {@code headerIncluded}: we write the IP header of what we send (AH, whose digest covers that header);
     * the kernel still fills in the checksum, and the identification when it is zero.
     */
    void applyIpv4(boolean headerIncluded) throws NativeCallException {
        bindToDevice();
        if (headerIncluded) {
            setInt(Linux.IPPROTO_IP, Linux.IP_HDRINCL, 1, "IP_HDRINCL");
        }
        // struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; }: the interface by index
        scratch.put(0, VRRP_GROUP_V4, 0, 4);
        scratch.putInt(4, 0);
        scratch.putInt(8, interfaceIndex);
        set(Linux.IPPROTO_IP, Linux.IP_ADD_MEMBERSHIP, 12, "IP_ADD_MEMBERSHIP");
        scratch.putInt(0, 0);
        set(Linux.IPPROTO_IP, Linux.IP_MULTICAST_IF, 12, "IP_MULTICAST_IF");
        setInt(Linux.IPPROTO_IP, Linux.IP_MULTICAST_TTL, MAX_HOPS, "IP_MULTICAST_TTL");
        setInt(Linux.IPPROTO_IP, Linux.IP_TTL, MAX_HOPS, "IP_TTL");
        setInt(Linux.IPPROTO_IP, Linux.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
        // the interface each packet came in on, so that one queued before SO_BINDTODEVICE held is known
        setInt(Linux.IPPROTO_IP, Linux.IP_PKTINFO, 1, "IP_PKTINFO");
        stampArrivals();
    }

    void applyIpv6() throws NativeCallException {
        bindToDevice();
        // struct ipv6_mreq { in6_addr multiaddr; unsigned int ifindex; }
        scratch.put(0, VRRP_GROUP_V6, 0, 16);
        scratch.putInt(16, interfaceIndex);
        set(Linux.IPPROTO_IPV6, Linux.IPV6_ADD_MEMBERSHIP, 20, "IPV6_ADD_MEMBERSHIP");
        setInt(Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_IF, interfaceIndex, "IPV6_MULTICAST_IF");
        setInt(Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_HOPS, MAX_HOPS, "IPV6_MULTICAST_HOPS");
        setInt(Linux.IPPROTO_IPV6, Linux.IPV6_UNICAST_HOPS, MAX_HOPS, "IPV6_UNICAST_HOPS");
        setInt(Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
        setInt(Linux.IPPROTO_IPV6, Linux.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
        setInt(Linux.IPPROTO_IPV6, Linux.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        // the kernel neither fills in nor checks the VRRP checksum: we compute and verify it ourselves,
        // so that a bad one is counted as checksum_err rather than silently dropped
        setInt(Linux.IPPROTO_IPV6, Linux.IPV6_CHECKSUM, -1, "IPV6_CHECKSUM");
        stampArrivals();
    }

    /**
     * The kernel's time of each packet's arrival, as a control message: an advert's timers run from when it
     * reached the host, not from when a busy machine let the loop read it ({@link ReceivedPacket#arrivedAtRealtimeNanos}).
     */
    private void stampArrivals() throws NativeCallException {
        setInt(Linux.SOL_SOCKET, Linux.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
    }

    private void bindToDevice() throws NativeCallException {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        scratch.put(0, name, 0, name.length);
        scratch.putByte(name.length, (byte) 0);
        set(Linux.SOL_SOCKET, Linux.SO_BINDTODEVICE, name.length + 1, "SO_BINDTODEVICE");
    }

    private void setInt(int level, int option, int value, String optionName) throws NativeCallException {
        scratch.putInt(0, value);
        set(level, option, 4, optionName);
    }

    private void set(int level, int option, int length, String optionName) throws NativeCallException {
        if (LibC.setsockopt(fd, level, option, scratch.address(), length) < 0) {
            throw new NativeCallException(new SocketError(NativeCall.SETSOCKOPT, optionName + " on " + interfaceName,
                    Native.errno()));
        }
    }
}
