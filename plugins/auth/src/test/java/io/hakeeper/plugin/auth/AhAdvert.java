package io.hakeeper.plugin.auth;

import java.nio.ByteBuffer;

import io.hakeeper.api.AdvertLayout;

/**
 * A VRRPv2 advert wrapped in AH, laid out as the engine writes one for IP_HDRINCL and as a raw socket
 * delivers it: a 20-byte IPv4 header (protocol 51), 24 bytes of AH header left zero for the auth method to
 * fill, then the VRRP message with auth type 2 and zero auth data. Built by hand, independently of the
 * engine's encoder.
 */
record AhAdvert(ByteBuffer packet, AdvertLayout layout) {

    static final int IP_HEADER_LENGTH = 20;
    static final int AH_LENGTH = 24;
    static final int SOURCE = 0xc0000201; // 192.0.2.1
    static final int MULTICAST = 0xe0000012; // 224.0.0.18
    static final int PEER = 0xc0000202; // 192.0.2.2

    static AhAdvert multicast(boolean direct) {
        return build(direct, 0, MULTICAST, 0xc0000264);
    }

    static AhAdvert unicast() {
        return build(false, 0, PEER, 0xc0000264);
    }

    /** The packet from {@code offset} in a buffer with room on both sides. */
    static AhAdvert build(boolean direct, int offset, int destination, int... addresses) {
        int vrrpLength = 8 + 4 * addresses.length + 8;
        int total = IP_HEADER_LENGTH + AH_LENGTH + vrrpLength;
        ByteBuffer packet = direct ? ByteBuffer.allocateDirect(offset + total + 16) : ByteBuffer.allocate(offset + total + 16);
        packet.position(offset);
        packet.put((byte) 0x45).put((byte) 0xc0).putShort((short) total)
              .putShort((short) 1).putShort((short) 0).put((byte) 255).put((byte) 51).putShort((short) 0)
              .putInt(SOURCE).putInt(destination);
        packet.putShort(offset + 10, (short) checksum(packet, offset, IP_HEADER_LENGTH));
        packet.position(offset + IP_HEADER_LENGTH + AH_LENGTH);
        int vrrp = packet.position();
        packet.put((byte) 0x21).put((byte) 51).put((byte) 100).put((byte) addresses.length)
              .put((byte) 2).put((byte) 1).putShort((short) 0);
        for (int address : addresses) {
            packet.putInt(address);
        }
        packet.put(new byte[8]);
        packet.putShort(vrrp + 6, (short) checksum(packet, vrrp, vrrpLength));
        packet.limit(offset + total).position(0);
        return new AhAdvert(packet, new Layout(offset, vrrp, vrrpLength, destination >>> 28 != 0xe));
    }

    int ipOffset() {
        return layout.ipOffset();
    }

    int ah() {
        return layout.authHeaderOffset();
    }

    int end() {
        return layout.vrrpOffset() + layout.vrrpLength();
    }

    /** The whole packet, IP header first. */
    byte[] bytes() {
        byte[] bytes = new byte[end() - ipOffset()];
        packet.get(ipOffset(), bytes);
        return bytes;
    }

    /** Puts {@code bytes} (a whole packet) back in place. */
    void restore(byte[] bytes) {
        packet.put(ipOffset(), bytes);
    }

    static int checksum(ByteBuffer buffer, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += (buffer.get(offset + i) & 0xff) << 8 | (i + 1 < length ? buffer.get(offset + i + 1) & 0xff : 0);
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    record Layout(int ipOffset, int vrrpOffset, int vrrpLength, boolean unicast) implements AdvertLayout {
        @Override
        public int ipHeaderLength() {
            return IP_HEADER_LENGTH;
        }

        @Override
        public int authHeaderOffset() {
            return ipOffset + IP_HEADER_LENGTH;
        }
    }
}
