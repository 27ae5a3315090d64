package io.hakeeper.engine.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Reads rtnetlink datagrams (a run of {@code nlmsghdr}-framed messages in host byte order) into
 * {@link LinkEvent}s and {@link AddressEvent}s, and keeps the little that must outlive a message: the
 * watched names with their current index, and which of them the running link dump has shown. No I/O: the
 * bytes come from {@link LinkWatch}, or from a test.
 *
 * <p>Allocation-free for watched names: an {@code IFLA_IFNAME} is compared byte by byte with the watched
 * names and the watch's own String is handed on. Only an unwatched interface's name becomes a new String.
 */
final class NetlinkParser {

    // <linux/netlink.h>
    static final int NLMSG_HEADER = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_MULTI = 0x2;
    // <linux/rtnetlink.h>
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int IFINFOMSG_SIZE = 16;
    static final int IFADDRMSG_SIZE = 8;
    static final int RTATTR_HEADER = 4;
    // <linux/if_link.h>, <linux/if_addr.h>
    static final int IFLA_IFNAME = 3;
    static final int IFLA_OPERSTATE = 16;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_FLAGS = 8;
    /** Attribute types carry NLA_F_NESTED and NLA_F_NET_BYTEORDER in their top bits. */
    private static final int NLA_TYPE_MASK = 0x3fff;

    private final String[] watchedNames;
    private final byte[][] watchedBytes;
    private final int[] watchedIndex;
    private final boolean[] seenInDump;
    private final LinkEvent link = new LinkEvent();
    private final AddressEvent address = new AddressEvent();
    private int dumpSequence;
    private boolean dumpingLinks;
    private int errorNumber;

    NetlinkParser(Collection<String> watched) {
        watchedNames = watched.toArray(new String[0]);
        watchedBytes = new byte[watchedNames.length][];
        for (int i = 0; i < watchedNames.length; i++) {
            watchedBytes[i] = watchedNames[i].getBytes(StandardCharsets.US_ASCII);
        }
        watchedIndex = new int[watchedNames.length];
        seenInDump = new boolean[watchedNames.length];
    }

    /** The answers to request {@code sequence} are a dump; of the links when {@code links}, else of addresses. */
    void dumpStarted(int sequence, boolean links) {
        dumpSequence = sequence;
        dumpingLinks = links;
        if (links) {
            java.util.Arrays.fill(seenInDump, false);
        }
    }

    /**
     * Reports every message of one datagram (position to limit; the buffer's byte order is set to the
     * host's) to {@code listener}.
     *
     * @return true when the datagram ended the running dump (its NLMSG_DONE, or an NLMSG_ERROR answering it:
     *         then {@link #errorNumber()} is the errno)
     */
    boolean parse(ByteBuffer datagram, LinkListener listener) {
        datagram.order(ByteOrder.nativeOrder());
        errorNumber = 0;
        boolean dumpEnded = false;
        int offset = datagram.position();
        int end = datagram.limit();
        while (offset + NLMSG_HEADER <= end) {
            int length = datagram.getInt(offset);
            if (length < NLMSG_HEADER || offset + length > end) {
                break; // malformed or cut: nothing after it can be framed
            }
            int type = datagram.getShort(offset + 4) & 0xffff;
            int flags = datagram.getShort(offset + 6) & 0xffff;
            int sequence = datagram.getInt(offset + 8);
            boolean fromDump = (flags & NLM_F_MULTI) != 0;
            int messageEnd = offset + length;
            switch (type) {
                case RTM_NEWLINK, RTM_DELLINK -> linkMessage(datagram, offset, messageEnd, type == RTM_NEWLINK,
                        fromDump, listener);
                case RTM_NEWADDR, RTM_DELADDR -> addressMessage(datagram, offset, messageEnd, type == RTM_NEWADDR,
                        fromDump, listener);
                case NLMSG_DONE -> {
                    if (sequence == dumpSequence) {
                        dumpEnded = true;
                        if (dumpingLinks) {
                            linksDumped(listener);
                        } else {
                            listener.addressesDumped();
                        }
                    }
                }
                case NLMSG_ERROR -> {
                    // struct nlmsgerr { int error; struct nlmsghdr msg; }: the request it answers is inside
                    if (length >= NLMSG_HEADER + 4 + NLMSG_HEADER && datagram.getInt(offset + NLMSG_HEADER) != 0
                            && datagram.getInt(offset + NLMSG_HEADER + 4 + 8) == dumpSequence) {
                        errorNumber = -datagram.getInt(offset + NLMSG_HEADER);
                        dumpEnded = true;
                    }
                }
                default -> {
                    // NLMSG_NOOP and anything else: not ours to act on
                }
            }
            offset += align(length);
        }
        return dumpEnded;
    }

    /** The errno of the NLMSG_ERROR that ended the dump in the last {@link #parse}, or 0. */
    int errorNumber() {
        return errorNumber;
    }

    private void linkMessage(ByteBuffer b, int offset, int end, boolean isNew, boolean fromDump, LinkListener listener) {
        int body = offset + NLMSG_HEADER;
        if (body + IFINFOMSG_SIZE > end) {
            return;
        }
        // struct ifinfomsg { u8 family; u8 pad; u16 type; int index; unsigned flags; unsigned change; }
        int index = b.getInt(body + 4);
        int flags = b.getInt(body + 8);
        int operState = LinkEvent.OPER_NOT_GIVEN;
        int nameAt = -1;
        int nameLength = 0;
        int attributeLength;
        for (int attribute = body + IFINFOMSG_SIZE; (attributeLength = attributeLength(b, attribute, end)) > 0;
                attribute += align(attributeLength)) {
            int attributeType = b.getShort(attribute + 2) & NLA_TYPE_MASK;
            int data = attribute + RTATTR_HEADER;
            if (attributeType == IFLA_IFNAME) {
                nameAt = data;
                nameLength = cStringLength(b, data, attribute + attributeLength);
            } else if (attributeType == IFLA_OPERSTATE && attributeLength > RTATTR_HEADER) {
                operState = b.get(data) & 0xff;
            }
        }
        if (nameAt < 0) {
            return; // every RTM_NEWLINK/DELLINK carries its name; a message without one tells us nothing usable
        }
        int slot = watchedSlot(b, nameAt, nameLength);
        String name;
        if (slot >= 0) {
            name = watchedNames[slot];
            watchedIndex[slot] = isNew ? index : 0;
            if (isNew && fromDump && dumpingLinks) {
                seenInDump[slot] = true;
            }
        } else {
            byte[] bytes = new byte[nameLength];
            b.get(nameAt, bytes);
            name = new String(bytes, StandardCharsets.US_ASCII);
        }
        if (isNew) {
            forgetRenamed(index, slot, listener);
        }
        listener.link(link.set(isNew ? LinkEvent.Kind.NEW : LinkEvent.Kind.DELETED, name, index, flags, operState,
                fromDump, slot >= 0));
    }

    /** A watched interface renamed to something else is gone under its watched name. */
    private void forgetRenamed(int index, int currentSlot, LinkListener listener) {
        for (int i = 0; i < watchedIndex.length; i++) {
            if (i != currentSlot && watchedIndex[i] == index && index != 0) {
                watchedIndex[i] = 0;
                listener.link(link.set(LinkEvent.Kind.ABSENT, watchedNames[i], 0, 0, LinkEvent.OPER_NOT_GIVEN, false, true));
            }
        }
    }

    private void linksDumped(LinkListener listener) {
        dumpingLinks = false;
        for (int i = 0; i < watchedNames.length; i++) {
            if (!seenInDump[i]) {
                watchedIndex[i] = 0;
                listener.link(link.set(LinkEvent.Kind.ABSENT, watchedNames[i], 0, 0, LinkEvent.OPER_NOT_GIVEN, true, true));
            }
        }
        listener.linksDumped();
    }

    private void addressMessage(ByteBuffer b, int offset, int end, boolean added, boolean fromDump, LinkListener listener) {
        int body = offset + NLMSG_HEADER;
        if (body + IFADDRMSG_SIZE > end) {
            return;
        }
        // struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; }
        int family = b.get(body) & 0xff;
        int index = b.getInt(body + 4);
        address.set(added, family, index, nameOfIndex(index), b.get(body + 1) & 0xff, b.get(body + 2) & 0xff, fromDump);
        int addressLength = family == Linux.AF_INET6 ? 16 : 4;
        boolean haveLocal = false;
        int attributeLength;
        for (int attribute = body + IFADDRMSG_SIZE; (attributeLength = attributeLength(b, attribute, end)) > 0;
                attribute += align(attributeLength)) {
            int attributeType = b.getShort(attribute + 2) & NLA_TYPE_MASK;
            int data = attribute + RTATTR_HEADER;
            int dataLength = attributeLength - RTATTR_HEADER;
            // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer's on point-to-point links
            if ((attributeType == IFA_LOCAL || attributeType == IFA_ADDRESS && !haveLocal)
                    && dataLength == addressLength) {
                b.get(data, address.addressBuffer(addressLength), 0, addressLength);
                haveLocal |= attributeType == IFA_LOCAL;
            } else if (attributeType == IFA_FLAGS && dataLength >= 4) {
                address.flags(b.getInt(data));
            }
        }
        listener.address(address);
    }

    /** The length of the rtattr at {@code attribute}, or 0 when there is none, or none whole, before {@code end}. */
    private static int attributeLength(ByteBuffer b, int attribute, int end) {
        if (attribute + RTATTR_HEADER > end) {
            return 0;
        }
        int length = b.getShort(attribute) & 0xffff;
        return length < RTATTR_HEADER || attribute + length > end ? 0 : length;
    }

    private String nameOfIndex(int index) {
        for (int i = 0; i < watchedIndex.length; i++) {
            if (watchedIndex[i] == index && index != 0) {
                return watchedNames[i];
            }
        }
        return null;
    }

    private int watchedSlot(ByteBuffer b, int at, int length) {
        for (int i = 0; i < watchedBytes.length; i++) {
            byte[] candidate = watchedBytes[i];
            if (candidate.length == length && sameBytes(b, at, candidate)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameBytes(ByteBuffer b, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (b.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int cStringLength(ByteBuffer b, int from, int to) {
        int at = from;
        while (at < to && b.get(at) != 0) {
            at++;
        }
        return at - from;
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }
}
