package io.hakeeper.engine.net;

/**
 * The native memory of one direction of a socket, allocated once and reused by every sendmsg or recvmsg:
 * a {@code struct msghdr} wired to one {@code iovec}, a socket address big enough for IPv6 and a control
 * buffer; or of one message of a {@link ReceiveBatch}, whose header lies in the batch's array. Offsets are
 * LP64 Linux's ({@code <sys/socket.h>}, {@code <netinet/in.h>}).
 */
final class MessageBuffers {

    // struct msghdr
    static final int MSGHDR_SIZE = 56;
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    // struct iovec
    private static final int IOVEC_SIZE = 16;
    // sockaddr_in6 is the larger of the two addresses
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;
    // room for IPV6_HOPLIMIT, IPV6_PKTINFO and SCM_TIMESTAMPNS together (24 + 40 + 32), with slack
    static final int CONTROL_SIZE = 128;
    // struct cmsghdr: size_t len, int level, int type, then data aligned to 8
    static final int CMSG_HEADER = 16;

    final NativeMemory header;
    final NativeMemory iovec = NativeMemory.allocate(IOVEC_SIZE);
    final NativeMemory name = NativeMemory.allocate(SOCKADDR_IN6_SIZE);
    final NativeMemory control = NativeMemory.allocate(CONTROL_SIZE);

    MessageBuffers() {
        this(NativeMemory.allocate(MSGHDR_SIZE));
    }

    /** @param header {@link #MSGHDR_SIZE} bytes of zeroed native memory, kept alive by the caller */
    MessageBuffers(NativeMemory header) {
        this.header = header;
        header.putAddress(MSG_NAME, name.address());
        header.putAddress(MSG_IOV, iovec.address());
        header.putLong(MSG_IOVLEN, 1);
        header.putAddress(MSG_CONTROL, control.address());
    }

    /** Points the single iovec at {@code length} bytes of native memory. */
    void payload(long address, int length) {
        iovec.putAddress(0, address);
        iovec.putLong(8, length);
    }

    /** Sets the lengths the kernel reads (send) or may fill up to (receive); both are reset on every call. */
    void lengths(int nameLength, int controlLength) {
        header.putInt(MSG_NAMELEN, nameLength);
        header.putLong(MSG_CONTROLLEN, controlLength);
        header.putInt(MSG_FLAGS, 0);
    }

    int flags() {
        return header.getInt(MSG_FLAGS);
    }

    int controlLength() {
        return (int) header.getLong(MSG_CONTROLLEN);
    }

    void sockaddrIn(byte[] address) {
        name.putShort(0, (short) Linux.AF_INET);
        name.putShort(2, (short) 0); // raw sockets have no ports
        name.put(4, address, 0, 4);
        name.putLong(8, 0);
    }

    void sockaddrIn6(byte[] address, int scopeId) {
        name.putShort(0, (short) Linux.AF_INET6);
        name.putShort(2, (short) 0);
        name.putInt(4, 0); // flow info
        name.put(8, address, 0, 16);
        name.putInt(24, scopeId);
    }

    /** Writes one control message header at the start of the control buffer; returns its CMSG_SPACE. */
    int controlMessage(int level, int type, int dataLength) {
        control.putLong(0, CMSG_HEADER + dataLength);
        control.putInt(8, level);
        control.putInt(12, type);
        return CMSG_HEADER + align(dataLength);
    }

    static int align(int length) {
        return (length + 7) & ~7;
    }
}
