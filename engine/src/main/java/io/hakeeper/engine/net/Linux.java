package io.hakeeper.engine.net;

/** Linux's numbers for the constants the transport uses (from the kernel's uapi headers, x86-64 and arm64 alike). */
final class Linux {

    private Linux() {
    }

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_BINDTODEVICE = 25;
    /** SO_TIMESTAMPNS_OLD: a struct timespec of 64-bit fields on LP64, as SCM_TIMESTAMPNS. */
    static final int SO_TIMESTAMPNS = 35;

    static final int IPPROTO_IP = 0;
    static final int IP_TTL = 2;
    static final int IP_HDRINCL = 3;
    static final int IP_PKTINFO = 8;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;

    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_ADD_MEMBERSHIP = 20;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;

    static final int MSG_TRUNC = 0x20;

    static final short POLLIN = 0x1;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int TFD_NONBLOCK = 0x800;
    static final int TFD_CLOEXEC = 0x80000;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EBUSY = 16;
    static final int EADDRNOTAVAIL = 99;
    static final int ENOBUFS = 105;
}
