package io.hakeeper.plugin.garp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;

/**
 * The two Ethernet frames that tell a segment an address has moved, byte for byte as keepalived builds
 * them. No I/O: a frame is built here and sent by {@link FrameAnnouncer}.
 *
 * <p>Gratuitous ARP (keepalived's vrrp_arp.c): an ARP <em>request</em> to the broadcast address, asking
 * for the address from the address: sender and target protocol address are both the VIP, the sender
 * hardware address is the interface's, and the target hardware address is the broadcast address
 * ff:ff:ff:ff:ff:ff (keepalived copies the interface's broadcast address there, not zeros). 42 bytes,
 * unpadded, as keepalived sends it.
 *
 * <p>Unsolicited neighbour advertisement (keepalived's vrrp_ndisc.c, RFC 4861 4.4 and 7.2.6): from the VIP
 * itself to all-nodes ff02::1 (Ethernet 33:33:00:00:00:01), hop limit 255, Override set, Solicited clear,
 * Router set exactly when the interface forwards IPv6 (a router that claimed otherwise would be dropped
 * from its hosts' default router lists), target the VIP, and the Target Link-Layer Address option with
 * the interface's MAC. 86 bytes.
 */
final class AnnouncementFrames {

    static final int ARP_FRAME_LENGTH = 14 + 28;
    static final int NA_FRAME_LENGTH = 14 + 40 + 24 + 8;

    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ARPHRD_ETHER = 1;
    private static final int ETHERTYPE_IP = 0x0800;
    private static final int ARPOP_REQUEST = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int HOP_LIMIT = 255;
    private static final int NEIGHBOUR_ADVERTISEMENT = 136;
    private static final int FLAG_ROUTER = 0x80;
    private static final int FLAG_OVERRIDE = 0x20;
    private static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
    private static final int ICMPV6_LENGTH = NA_FRAME_LENGTH - 14 - 40;

    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final byte[] ALL_NODES = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private AnnouncementFrames() {
    }

    static byte[] gratuitousArp(byte[] mac, Inet4Address address) {
        requireMac(mac);
        byte[] ip = address.getAddress();
        ByteBuffer frame = ByteBuffer.allocate(ARP_FRAME_LENGTH);
        frame.put(BROADCAST).put(mac).putShort((short) ETHERTYPE_ARP);
        frame.putShort((short) ARPHRD_ETHER).putShort((short) ETHERTYPE_IP).put((byte) 6).put((byte) 4)
                .putShort((short) ARPOP_REQUEST);
        frame.put(mac).put(ip).put(BROADCAST).put(ip);
        return frame.array();
    }

    static byte[] unsolicitedNeighbourAdvert(byte[] mac, Inet6Address address, boolean router) {
        requireMac(mac);
        byte[] ip = address.getAddress();
        ByteBuffer frame = ByteBuffer.allocate(NA_FRAME_LENGTH);
        frame.put(ALL_NODES_MAC).put(mac).putShort((short) ETHERTYPE_IPV6);
        // IPv6: version 6, traffic class and flow label 0
        frame.putInt(0x6000_0000).putShort((short) ICMPV6_LENGTH).put((byte) IPPROTO_ICMPV6).put((byte) HOP_LIMIT)
                .put(ip).put(ALL_NODES);
        int icmp = frame.position();
        frame.put((byte) NEIGHBOUR_ADVERTISEMENT).put((byte) 0).putShort((short) 0 /* checksum, below */)
                .put((byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0))).put(new byte[3])
                .put(ip)
                .put((byte) OPTION_TARGET_LINK_LAYER_ADDRESS).put((byte) 1 /* in units of 8 bytes */).put(mac);
        frame.putShort(icmp + 2, icmpv6Checksum(frame.array(), icmp, ip, ALL_NODES));
        return frame.array();
    }

    /** The Internet checksum over the IPv6 pseudo-header (RFC 8200 8.1) and the ICMPv6 message. */
    static short icmpv6Checksum(byte[] frame, int offset, byte[] source, byte[] destination) {
        int length = frame.length - offset;
        long sum = sum16(source, 0, 16) + sum16(destination, 0, 16) + length + IPPROTO_ICMPV6
                + sum16(frame, offset, length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    private static long sum16(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = bytes[offset + i] & 0xff;
            int low = i + 1 < length ? bytes[offset + i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        return sum;
    }

    private static void requireMac(byte[] mac) {
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("expected a 6-byte Ethernet address, got "
                    + (mac == null ? "none" : mac.length + " bytes"));
        }
    }
}
