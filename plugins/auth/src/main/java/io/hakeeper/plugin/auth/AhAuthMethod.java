package io.hakeeper.plugin.auth;

import java.nio.ByteBuffer;

import io.hakeeper.api.AdvertLayout;
import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;

/**
 * VRRPv2 inside an IPsec authentication header (RFC 2402) with HMAC-MD5-96, byte for byte as keepalived
 * does it, so that both interoperate:
 * <ul>
 *   <li>the AH header follows the IPv4 header: next header 112, payload length 4 (24 bytes in all), SPI =
 *       the IPv4 source address, a sequence number, and a 12-byte ICV;</li>
 *   <li>the ICV is HMAC-MD5 keyed with the 8-byte zero-padded password, truncated to 96 bits, over the IP
 *       header with TOS, flags/fragment offset and checksum zeroed (and the TTL too for unicast adverts),
 *       then the AH header with its ICV zeroed, then the VRRP message;</li>
 *   <li>one sequence counter per instance serves both directions, as keepalived's does: an accepted advert
 *       moves it up to the sender's number, and the next advert we send carries one more. A new master
 *       therefore continues where the old one stopped, and a restarted node (counter 0) accepts at once.
 *       An advert whose number is not above the counter is {@link AuthVerdict#REPLAYED}.</li>
 * </ul>
 * Verification checks the ICV first (constant time), then the SPI, then the sequence number, so that a
 * forged advert cannot move the counter. Allocation-free: the packet is copied into a scratch array of
 * the instance's own, where the mutable fields are zeroed, and MACed there.
 */
final class AhAuthMethod implements AuthMethod {

    static final int AUTH_TYPE_AH = 2;
    static final int IP_PROTOCOL_AH = 51;
    static final int IP_PROTOCOL_VRRP = 112;
    static final int AH_LENGTH = 24;
    static final int ICV_LENGTH = 12;
    static final int KEY_LENGTH = 8;
    /** RFC 2402 2.2: the AH length in 32-bit words, minus 2. */
    static final int AH_PAYLOAD_LENGTH = AH_LENGTH / 4 - 2;
    private static final int ICV_OFFSET = 12;
    private static final int SPI_OFFSET = 4;
    private static final int SEQUENCE_OFFSET = 8;
    private static final int IP_TOS = 1;
    private static final int IP_FRAGMENT = 6;
    private static final int IP_TTL = 8;
    private static final int IP_CHECKSUM = 10;
    private static final int IP_SOURCE = 12;
    private static final int MIN_IP_HEADER = 20;
    /** keepalived stops counting here rather than wrap; at one advert a second that is 136 years away. */
    private static final long LAST_SEQUENCE = 0xFFFF_FFFEL;
    /** Largest IPv4 header (60), AH, and a VRRPv2 message with 255 addresses. */
    private static final int MAX_PACKET = 60 + AH_LENGTH + 8 + 255 * 4 + 8;

    private final HmacMd5 hmac;
    private final byte[] scratch = new byte[MAX_PACKET];
    private final byte[] digest = new byte[HmacMd5.DIGEST_LENGTH];
    /** The last sequence number sent or accepted, unsigned. */
    private long sequence;

    AhAuthMethod(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AH key must be " + KEY_LENGTH + " bytes");
        }
        this.hmac = new HmacMd5(key);
    }

    @Override
    public int authType() {
        return AUTH_TYPE_AH;
    }

    @Override
    public int ipProtocol() {
        return IP_PROTOCOL_AH;
    }

    @Override
    public int headerLength() {
        return AH_LENGTH;
    }

    /** The last sequence number sent or accepted (for tests and diagnostics). */
    long sequence() {
        return sequence;
    }

    @Override
    public void seal(ByteBuffer packet, AdvertLayout layout) {
        int ip = layout.ipOffset();
        int ah = layout.authHeaderOffset();
        if (sequence < LAST_SEQUENCE) {
            sequence++;
        }
        packet.put(ah, (byte) IP_PROTOCOL_VRRP);
        packet.put(ah + 1, (byte) AH_PAYLOAD_LENGTH);
        packet.putShort(ah + 2, (short) 0);
        // SPI: the source address, in the same (network) byte order
        packet.putInt(ah + SPI_OFFSET, packet.getInt(ip + IP_SOURCE));
        putNetworkInt(packet, ah + SEQUENCE_OFFSET, sequence);
        for (int i = 0; i < ICV_LENGTH; i++) {
            packet.put(ah + ICV_OFFSET + i, (byte) 0);
        }
        icv(packet, layout);
        for (int i = 0; i < ICV_LENGTH; i++) {
            packet.put(ah + ICV_OFFSET + i, digest[i]);
        }
    }

    @Override
    public AuthVerdict verify(ByteBuffer packet, AdvertLayout layout) {
        if (!wellFormed(packet, layout)) {
            return AuthVerdict.REJECTED;
        }
        int ah = layout.authHeaderOffset();
        icv(packet, layout);
        // constant time: all 12 bytes are compared whatever the first difference
        int difference = 0;
        for (int i = 0; i < ICV_LENGTH; i++) {
            difference |= packet.get(ah + ICV_OFFSET + i) ^ digest[i];
        }
        if (difference != 0 || packet.getInt(ah + SPI_OFFSET) != packet.getInt(layout.ipOffset() + IP_SOURCE)) {
            return AuthVerdict.REJECTED;
        }
        long received = networkInt(packet, ah + SEQUENCE_OFFSET);
        if (received <= sequence) {
            return AuthVerdict.REPLAYED;
        }
        sequence = received;
        return AuthVerdict.ACCEPTED;
    }

    /** Big-endian whatever the buffer's byte order. */
    private static void putNetworkInt(ByteBuffer packet, int index, long value) {
        for (int i = 0; i < 4; i++) {
            packet.put(index + i, (byte) (value >>> (24 - 8 * i)));
        }
    }

    private static long networkInt(ByteBuffer packet, int index) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = value << 8 | (packet.get(index + i) & 0xff);
        }
        return value;
    }

    private static boolean wellFormed(ByteBuffer packet, AdvertLayout layout) {
        int ip = layout.ipOffset();
        int ah = layout.authHeaderOffset();
        int end = layout.vrrpOffset() + layout.vrrpLength();
        return layout.ipHeaderLength() >= MIN_IP_HEADER
                && ah == ip + layout.ipHeaderLength()
                && layout.vrrpOffset() == ah + AH_LENGTH
                && end <= packet.limit()
                && end - ip <= MAX_PACKET
                && packet.get(ah) == IP_PROTOCOL_VRRP
                && packet.get(ah + 1) == AH_PAYLOAD_LENGTH;
    }

    /** MACs IP header, AH header and VRRP message into {@link #digest}, mutable fields and ICV as zero. */
    private void icv(ByteBuffer packet, AdvertLayout layout) {
        int ip = layout.ipOffset();
        int length = layout.vrrpOffset() + layout.vrrpLength() - ip;
        packet.get(ip, scratch, 0, length);
        scratch[IP_TOS] = 0;
        scratch[IP_FRAGMENT] = 0;
        scratch[IP_FRAGMENT + 1] = 0;
        scratch[IP_CHECKSUM] = 0;
        scratch[IP_CHECKSUM + 1] = 0;
        if (layout.unicast()) {
            scratch[IP_TTL] = 0;
        }
        int icv = layout.authHeaderOffset() - ip + ICV_OFFSET;
        for (int i = 0; i < ICV_LENGTH; i++) {
            scratch[icv + i] = 0;
        }
        hmac.compute(scratch, 0, length, digest);
    }
}
