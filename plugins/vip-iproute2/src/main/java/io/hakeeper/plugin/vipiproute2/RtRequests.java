package io.hakeeper.plugin.vipiproute2;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;

/**
 * Writes rtnetlink requests into one reused buffer, byte for byte what {@code ip addr add/del} sends for
 * the same address (the order of the attributes included; see RtRequestsTest, whose expected bytes were
 * taken from {@code ip} with strace):
 * <ul>
 *   <li>IPv4 add: IFA_LOCAL, a written IFA_BROADCAST, IFA_LABEL, IFA_ADDRESS, then a computed broadcast
 *       ({@code brd +} or {@code brd -}, prefix 30 or shorter); the scope written, else 0 ({@code global})
 *       or {@code host} for 127/8, as {@code ip} does;</li>
 *   <li>IPv6 add: IFA_LOCAL and IFA_ADDRESS, flag IFA_F_NODAD, and for a /128 IFA_CACHEINFO with
 *       preferred lifetime 0 and valid lifetime forever (keepalived's deprecated host VIP); scope and label
 *       are ignored, as keepalived and the iproute2 backend ignore them;</li>
 *   <li>delete: IFA_LOCAL and IFA_ADDRESS, scope 0.</li>
 * </ul>
 * The only address flag sent, IFA_F_NODAD, fits the 8-bit ifa_flags, so IFA_FLAGS (for flags above 8
 * bits) is never needed, and {@code ip} sends none either. Each request's buffer runs from position 0 to
 * its limit. Native byte order, as netlink wants.
 */
final class RtRequests {

    static final int HEADER_LENGTH = 16;
    static final short NLMSG_ERROR = 2;
    static final short NLMSG_DONE = 3;
    static final short RTM_NEWADDR = 20;
    static final short RTM_DELADDR = 21;
    static final short RTM_GETADDR = 22;

    static final short IFA_ADDRESS = 1;
    static final short IFA_LOCAL = 2;
    static final short IFA_LABEL = 3;
    static final short IFA_BROADCAST = 4;
    static final short IFA_CACHEINFO = 6;
    /** u8, who made the address (kernel 5.18): hakeeper's own VIPs carry {@link VipBackend#ADDRESS_PROTOCOL}. */
    static final short IFA_PROTO = 11;

    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_ACK = 0x4;
    private static final short NLM_F_REPLACE = 0x100;
    private static final short NLM_F_EXCL = 0x200;
    private static final short NLM_F_CREATE = 0x400;
    private static final short NLM_F_DUMP = 0x300;
    private static final int IFA_F_NODAD = 0x02;
    private static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int INFINITY_LIFETIME = 0xFFFFFFFF;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(512).order(ByteOrder.nativeOrder());

    /** RTM_NEWADDR with NLM_F_CREATE|NLM_F_EXCL: the kernel answers EEXIST when the address is there. */
    ByteBuffer addAddress(int sequence, int index, VirtualAddress vip) {
        return newAddress(NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sequence, index, vip, false);
    }

    /**
     * {@link #addAddress}'s request with hakeeper's mark (IFA_PROTO) after the attributes {@code ip} sends:
     * an address that is there already (the host's own) gets EEXIST and keeps its protocol.
     */
    ByteBuffer addMarkedAddress(int sequence, int index, VirtualAddress vip) {
        return newAddress(NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sequence, index, vip, true);
    }

    /**
     * Marks an address this backend has just added (with {@code ip}): the same request with NLM_F_REPLACE,
     * which sets the protocol and leaves everything else as the add made it (same flags and lifetimes).
     */
    ByteBuffer markAddress(int sequence, int index, VirtualAddress vip) {
        return newAddress(NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE, sequence, index, vip, true);
    }

    private ByteBuffer newAddress(int requestFlags, int sequence, int index, VirtualAddress vip, boolean mark) {
        InetAddress address = vip.address();
        boolean v6 = address instanceof Inet6Address;
        int flags = v6 ? IFA_F_NODAD : 0;
        int scope = v6 ? 0 : Scopes.number(vip.scope().orElse(null), address);
        start(RTM_NEWADDR, requestFlags, sequence);
        ifaddrmsg(address, vip.prefixLength(), flags, scope, index);
        attribute(IFA_LOCAL, address.getAddress());
        if (v6) {
            attribute(IFA_ADDRESS, address.getAddress());
            if (vip.prefixLength() == 128) {
                int at = beginAttribute(IFA_CACHEINFO);
                buffer.putInt(0).putInt(INFINITY_LIFETIME).putInt(0).putInt(0);
                endAttribute(at);
            }
            return mark ? marked() : finish();
        }
        String brd = vip.broadcast().orElse(null);
        boolean computed = "+".equals(brd) || "-".equals(brd);
        if (brd != null && !computed) {
            attribute(IFA_BROADCAST, Broadcasts.literal(brd).getAddress());
        }
        vip.label().ifPresent(label -> attribute(IFA_LABEL, cString(label)));
        attribute(IFA_ADDRESS, address.getAddress());
        if (computed && vip.prefixLength() <= 30) {
            attribute(IFA_BROADCAST, Broadcasts.computed((Inet4Address) address, vip.prefixLength(), "+".equals(brd)));
        }
        return mark ? marked() : finish();
    }

    private ByteBuffer marked() {
        attribute(IFA_PROTO, new byte[] {(byte) VipBackend.ADDRESS_PROTOCOL});
        return finish();
    }

    /** RTM_DELADDR of the address with its prefix length; the kernel answers EADDRNOTAVAIL when absent. */
    ByteBuffer removeAddress(int sequence, int index, VirtualAddress vip) {
        start(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, sequence);
        ifaddrmsg(vip.address(), vip.prefixLength(), 0, 0, index);
        attribute(IFA_LOCAL, vip.address().getAddress());
        attribute(IFA_ADDRESS, vip.address().getAddress());
        return finish();
    }

    /** RTM_GETADDR dump of every address of both families; the reader keeps the interface's own. */
    ByteBuffer dumpAddresses(int sequence) {
        start(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, sequence);
        buffer.put((byte) AF_UNSPEC).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        return finish();
    }

    private void start(short type, int flags, int sequence) {
        buffer.clear();
        buffer.putInt(0).putShort(type).putShort((short) flags).putInt(sequence).putInt(0);
    }

    private void ifaddrmsg(InetAddress address, int prefixLength, int flags, int scope, int index) {
        buffer.put((byte) (address instanceof Inet6Address ? AF_INET6 : AF_INET)).put((byte) prefixLength)
                .put((byte) flags).put((byte) scope).putInt(index);
    }

    private void attribute(short type, byte[] payload) {
        int at = beginAttribute(type);
        buffer.put(payload);
        endAttribute(at);
    }

    private int beginAttribute(short type) {
        int at = buffer.position();
        buffer.putShort((short) 0).putShort(type);
        return at;
    }

    /** Writes the attribute's length (without padding) and pads it to four bytes with zeros. */
    private void endAttribute(int at) {
        buffer.putShort(at, (short) (buffer.position() - at));
        while (buffer.position() % 4 != 0) {
            buffer.put((byte) 0);
        }
    }

    private ByteBuffer finish() {
        buffer.putInt(0, buffer.position());
        buffer.flip();
        return buffer;
    }

    private static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }
}
