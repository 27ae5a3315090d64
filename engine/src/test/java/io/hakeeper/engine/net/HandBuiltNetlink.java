package io.hakeeper.engine.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** rtnetlink datagrams written byte by byte after the kernel's structures, in host byte order. */
final class HandBuiltNetlink {

    static final int UP_RUNNING_CARRIER = LinkEvent.IFF_UP | LinkEvent.IFF_RUNNING | LinkEvent.IFF_LOWER_UP;

    private final ByteBuffer bytes = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());

    /** An RTM_NEWLINK / RTM_DELLINK with IFLA_IFNAME and IFLA_OPERSTATE. */
    HandBuiltNetlink link(int type, int messageFlags, int sequence, int index, String name, int ifFlags, int operState) {
        int start = header(type, messageFlags, sequence);
        bytes.put((byte) 0).put((byte) 0).putShort((short) 1 /* ARPHRD_ETHER */).putInt(index).putInt(ifFlags).putInt(0);
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        attribute(NetlinkParser.IFLA_IFNAME, nameBytes);
        attribute(NetlinkParser.IFLA_OPERSTATE, new byte[] {(byte) operState});
        return end(start);
    }

    /** An RTM_NEWADDR / RTM_DELADDR with IFA_ADDRESS and IFA_FLAGS. */
    HandBuiltNetlink address(int type, int messageFlags, int family, int index, byte[] address, int prefix, int flags) {
        int start = header(type, messageFlags, 0);
        bytes.put((byte) family).put((byte) prefix).put((byte) flags).put((byte) 0).putInt(index);
        attribute(NetlinkParser.IFA_ADDRESS, address);
        ByteBuffer flagBytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(flags);
        attribute(NetlinkParser.IFA_FLAGS, flagBytes.array());
        return end(start);
    }

    HandBuiltNetlink done(int sequence) {
        int start = header(NetlinkParser.NLMSG_DONE, NetlinkParser.NLM_F_MULTI, sequence);
        bytes.putInt(0);
        return end(start);
    }

    /** An NLMSG_ERROR answering request {@code sequence} with {@code -errno}. */
    HandBuiltNetlink error(int sequence, int errno) {
        int start = header(NetlinkParser.NLMSG_ERROR, 0, sequence);
        bytes.putInt(-errno);
        bytes.putInt(NetlinkParser.NLMSG_HEADER).putShort((short) NetlinkParser.RTM_GETLINK).putShort((short) 0x301)
                .putInt(sequence).putInt(0);
        return end(start);
    }

    /** The datagram so far, ready to parse (position 0, limit its length). */
    ByteBuffer datagram() {
        return bytes.duplicate().flip().order(ByteOrder.nativeOrder());
    }

    private int header(int type, int flags, int sequence) {
        int start = bytes.position();
        bytes.putInt(0).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
        return start;
    }

    private void attribute(int type, byte[] data) {
        int length = NetlinkParser.RTATTR_HEADER + data.length;
        bytes.putShort((short) length).putShort((short) type).put(data);
        pad();
    }

    private HandBuiltNetlink end(int start) {
        pad();
        bytes.putInt(start, bytes.position() - start);
        return this;
    }

    private void pad() {
        while (bytes.position() % 4 != 0) {
            bytes.put((byte) 0);
        }
    }
}
