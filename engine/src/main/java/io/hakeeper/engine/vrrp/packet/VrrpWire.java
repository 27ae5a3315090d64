package io.hakeeper.engine.vrrp.packet;

/**
 * Numbers fixed by RFC 3768 and RFC 5798 (and RFC 2402 for AH) that the codec and its callers share.
 */
public final class VrrpWire {

    /** IP protocol number of VRRP. */
    public static final int PROTOCOL_VRRP = 112;
    /** IP protocol number of the IPsec authentication header that VRRPv2's AH auth wraps adverts in. */
    public static final int PROTOCOL_AH = 51;
    /** TTL and hop limit every multicast advert is sent with and must arrive with. */
    public static final int TTL = 255;
    /** The only VRRP message type. */
    public static final int TYPE_ADVERTISEMENT = 1;
    /** Fixed VRRP header: version/type, VRID, priority, count, two bytes of auth type/interval, checksum. */
    public static final int HEADER_LENGTH = 8;
    /** VRRPv2's authentication data, after the address list. */
    public static final int V2_AUTH_DATA_LENGTH = 8;
    /** VRRPv2 auth types (RFC 2338's; RFC 3768 keeps only 0, keepalived all three). */
    public static final int AUTH_NONE = 0;
    public static final int AUTH_PASS = 1;
    public static final int AUTH_AH = 2;
    /** VRRPv3's Max Advert Interval is a 12-bit field of centiseconds. */
    public static final int V3_MAX_INTERVAL_CENTISECONDS = 0x0fff;
    /** IPv4 header without options. */
    public static final int IPV4_HEADER_LENGTH = 20;

    private VrrpWire() {
    }

    /** The fixed part of a message of {@code version}: header, plus auth data for VRRPv2. */
    public static int fixedLength(int version) {
        return version == 2 ? HEADER_LENGTH + V2_AUTH_DATA_LENGTH : HEADER_LENGTH;
    }

    /** The length of a message of {@code version} carrying {@code count} addresses of {@code addressLength}. */
    public static int messageLength(int version, int count, int addressLength) {
        return fixedLength(version) + count * addressLength;
    }

    /** Whether {@code address} (4 or 16 bytes) is multicast: 224.0.0.0/4 or ff00::/8. */
    public static boolean isMulticast(byte[] address) {
        return isMulticast(address, address.length);
    }

    /** Whether the first {@code length} (4 or 16) bytes of {@code address} are a multicast address. */
    public static boolean isMulticast(byte[] address, int length) {
        int first = address[0] & 0xff;
        return length == 4 ? (first & 0xf0) == 0xe0 : first == 0xff;
    }
}
