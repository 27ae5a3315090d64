package io.hakeeper.engine.vrrp.packet;

import java.nio.ByteBuffer;

/**
 * The VRRP checksum. VRRPv2 sums the message alone. VRRPv3 adds the IPv4 or IPv6 pseudo-header (RFC 5798
 * 5.2.8), except over IPv4 when keepalived's {@code v3_checksum_as_v2} is set, for peers that sum v3 like
 * v2. Both pseudo-headers add up the same way: source, destination, protocol 112 and the message length.
 */
public final class AdvertChecksum {

    static final int FIELD_OFFSET = 6;

    private AdvertChecksum() {
    }

    /** Whether a message of {@code version} over this family includes the pseudo-header in its checksum. */
    public static boolean usesPseudoHeader(int version, int addressLength, boolean v3ChecksumAsV2) {
        return version == 3 && !(addressLength == 4 && v3ChecksumAsV2);
    }

    /**
     * Computes and writes the checksum of the message at {@code offset}. {@code source} and
     * {@code destination} hold {@code addressLength} bytes (4 or 16) in network order.
     */
    public static void write(ByteBuffer packet, int offset, int length, int version, byte[] source,
                             byte[] destination, int addressLength, boolean v3ChecksumAsV2) {
        Bytes.put16(packet, offset + FIELD_OFFSET, 0);
        int sum = sum(packet, offset, length, version, source, destination, addressLength, v3ChecksumAsV2);
        Bytes.put16(packet, offset + FIELD_OFFSET, InternetChecksum.finish(sum));
    }

    /** Whether the checksum field of the message at {@code offset} is right. */
    public static boolean isValid(ByteBuffer packet, int offset, int length, int version, byte[] source,
                                  byte[] destination, int addressLength, boolean v3ChecksumAsV2) {
        // summing a message together with its correct checksum gives all ones, which finish() turns into 0
        return InternetChecksum.finish(
                sum(packet, offset, length, version, source, destination, addressLength, v3ChecksumAsV2)) == 0;
    }

    private static int sum(ByteBuffer packet, int offset, int length, int version, byte[] source,
                           byte[] destination, int addressLength, boolean v3ChecksumAsV2) {
        int sum = 0;
        if (usesPseudoHeader(version, addressLength, v3ChecksumAsV2)) {
            sum = InternetChecksum.add(sum, source, addressLength);
            sum = InternetChecksum.add(sum, destination, addressLength);
            sum += VrrpWire.PROTOCOL_VRRP + length;
        }
        return InternetChecksum.add(sum, packet, offset, length);
    }
}
