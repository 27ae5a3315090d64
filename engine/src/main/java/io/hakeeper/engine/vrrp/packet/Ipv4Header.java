package io.hakeeper.engine.vrrp.packet;

import java.nio.ByteBuffer;

/**
 * Builds the 20-byte IPv4 header (RFC 791) of an advert, for packets sent with IP_HDRINCL (AH) and for
 * test captures. Written as keepalived writes it, so that captures of both look alike: TOS 0xc0 (network
 * control), no fragmentation, identification 0 unless the caller gives one.
 */
public final class Ipv4Header {

    static final int TOTAL_LENGTH_OFFSET = 2;
    static final int TTL_OFFSET = 8;
    static final int PROTOCOL_OFFSET = 9;
    static final int CHECKSUM_OFFSET = 10;
    static final int SOURCE_OFFSET = 12;
    static final int DESTINATION_OFFSET = 16;
    private static final int VERSION_4_NO_OPTIONS = 0x45;
    private static final int TOS_NETWORK_CONTROL = 0xc0;

    private Ipv4Header() {
    }

    /**
     * Writes the header at {@code offset}, with its checksum, for a payload of {@code payloadLength} bytes
     * that follows it. {@code source} and {@code destination} are 4 bytes in network order.
     *
     * @return the header length, {@link VrrpWire#IPV4_HEADER_LENGTH}
     */
    public static int write(ByteBuffer out, int offset, int protocol, int ttl, byte[] source, byte[] destination,
                            int payloadLength) {
        return write(out, offset, protocol, ttl, 0, source, destination, payloadLength);
    }

    /**
     * As {@link #write(ByteBuffer, int, int, int, byte[], byte[], int)} with an identification. A packet
     * sent with IP_HDRINCL needs a non-zero one when anything digests its header (AH): the kernel replaces
     * a zero identification with one of its own choosing after the digest was taken.
     */
    public static int write(ByteBuffer out, int offset, int protocol, int ttl, int identification, byte[] source,
                            byte[] destination, int payloadLength) {
        out.put(offset, (byte) VERSION_4_NO_OPTIONS);
        out.put(offset + 1, (byte) TOS_NETWORK_CONTROL);
        Bytes.put16(out, offset + TOTAL_LENGTH_OFFSET, VrrpWire.IPV4_HEADER_LENGTH + payloadLength);
        Bytes.put16(out, offset + 4, identification);
        Bytes.put16(out, offset + 6, 0); // flags, fragment offset
        out.put(offset + TTL_OFFSET, (byte) ttl);
        out.put(offset + PROTOCOL_OFFSET, (byte) protocol);
        Bytes.put16(out, offset + CHECKSUM_OFFSET, 0);
        for (int i = 0; i < 4; i++) {
            out.put(offset + SOURCE_OFFSET + i, source[i]);
            out.put(offset + DESTINATION_OFFSET + i, destination[i]);
        }
        int checksum = InternetChecksum.finish(InternetChecksum.add(0, out, offset, VrrpWire.IPV4_HEADER_LENGTH));
        Bytes.put16(out, offset + CHECKSUM_OFFSET, checksum);
        return VrrpWire.IPV4_HEADER_LENGTH;
    }
}
