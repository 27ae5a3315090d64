package io.hakeeper.plugin.auth;

import java.nio.ByteBuffer;

import io.hakeeper.api.AdvertLayout;

/**
 * A VRRPv2 advert as it arrives from a raw socket: a 20-byte IPv4 header, then the VRRP message of
 * RFC 3768 section 5.1 (version/type, VRID, priority, address count, auth type, advert interval,
 * checksum, the addresses, 8 bytes of authentication data).
 */
record Vrrp2Advert(ByteBuffer packet, AdvertLayout layout) {

    static final int IP_HEADER_LENGTH = 20;

    static Vrrp2Advert build(int authType, byte[] authData, int... addresses) {
        int vrrpLength = 8 + 4 * addresses.length + 8;
        ByteBuffer packet = ByteBuffer.allocate(IP_HEADER_LENGTH + vrrpLength);
        packet.put((byte) 0x45).put((byte) 0xc0).putShort((short) (IP_HEADER_LENGTH + vrrpLength))
              .putInt(0).put((byte) 255).put((byte) 112).putShort((short) 0)
              .putInt(0x0a000001).putInt(0xe0000012);
        packet.put((byte) 0x21).put((byte) 51).put((byte) 100).put((byte) addresses.length)
              .put((byte) authType).put((byte) 1).putShort((short) 0);
        for (int address : addresses) {
            packet.putInt(address);
        }
        packet.put(authData, 0, 8);
        packet.flip();
        return new Vrrp2Advert(packet, new Layout(IP_HEADER_LENGTH, vrrpLength));
    }

    /** The auth data field, read back by absolute index. */
    byte[] authData() {
        byte[] data = new byte[8];
        packet.get(layout.vrrpOffset() + layout.vrrpLength() - 8, data);
        return data;
    }

    private record Layout(int vrrpOffset, int vrrpLength) implements AdvertLayout {
        @Override
        public int ipOffset() {
            return 0;
        }

        @Override
        public int ipHeaderLength() {
            return IP_HEADER_LENGTH;
        }

        @Override
        public int authHeaderOffset() {
            return vrrpOffset;
        }

        @Override
        public boolean unicast() {
            return false;
        }
    }
}
