package io.hakeeper.engine.vrrp.packet;

import java.nio.ByteBuffer;

import io.hakeeper.api.AdvertLayout;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.vrrp.ReceivedAdvert;

/**
 * A reusable window onto one received packet: one instance per socket, re-pointed at each packet with
 * {@link #wrapIpv4} or {@link #wrapIpv6}, read in place, never copied. This is how a packet reaches the
 * receive checks, the auth method (with its {@link #layout()}) and the state machine (as its
 * {@link ReceivedAdvert}) without an allocation.
 *
 * <p>Decoding has two steps, so that the receive checks can run keepalived's order between them:
 * <ol>
 *   <li>{@code wrap*} frames the packet: it finds the IP header, any AH header and the fixed VRRP header,
 *       so that the VRID can be read to find the instance. Only then may the other accessors be used.</li>
 *   <li>{@link #validate} checks the message itself: length against address count, version, type, IPv4
 *       total length and checksum. The receive checks call the same steps one by one instead.</li>
 * </ol>
 * {@link #decodeIpv4} and {@link #decodeIpv6} do both. Any byte sequence yields a verdict; none throws.
 * (The caller's own mistakes still do: a length beyond the buffer, address arrays shorter than 16 bytes.)
 *
 * <p>Not thread-safe; the packet buffer must not change while the view is in use.
 */
public final class AdvertView implements ReceivedAdvert {

    private static final int AH_FIXED_LENGTH = 12;
    private static final int IPV6_ADDRESS_LENGTH = 16;
    private static final int IPV4_ADDRESS_LENGTH = 4;

    private final PacketLayout layout = new PacketLayout();
    private final byte[] source = new byte[IPV6_ADDRESS_LENGTH];
    private final byte[] destination = new byte[IPV6_ADDRESS_LENGTH];
    private ByteBuffer packet;
    private Family family;
    private int addressLength;
    private int ipProtocol;
    private int ipTotalLength;
    private int ttl;

    /**
     * Points the view at an IPv4 packet as a raw socket delivers it: {@code length} bytes from {@code offset},
     * IP header first. Returns {@link AdvertVerdict#ACCEPTED} when the packet is framed.
     */
    public AdvertVerdict wrapIpv4(ByteBuffer packet, int offset, int length) {
        this.packet = packet;
        family = Family.IPV4;
        addressLength = IPV4_ADDRESS_LENGTH;
        layout.ipOffset = offset;
        if (length < VrrpWire.IPV4_HEADER_LENGTH) {
            return AdvertVerdict.TOO_SHORT;
        }
        int versionAndLength = Bytes.get8(packet, offset);
        layout.ipHeaderLength = (versionAndLength & 0x0f) * 4;
        if (versionAndLength >>> 4 != 4 || layout.ipHeaderLength < VrrpWire.IPV4_HEADER_LENGTH) {
            return AdvertVerdict.BAD_IP_HEADER;
        }
        ipProtocol = Bytes.get8(packet, offset + Ipv4Header.PROTOCOL_OFFSET);
        ipTotalLength = Bytes.get16(packet, offset + Ipv4Header.TOTAL_LENGTH_OFFSET);
        ttl = Bytes.get8(packet, offset + Ipv4Header.TTL_OFFSET);
        AdvertVerdict payload = findVrrpMessage(offset, length);
        if (payload != AdvertVerdict.ACCEPTED) {
            return payload;
        }
        for (int i = 0; i < IPV4_ADDRESS_LENGTH; i++) {
            source[i] = packet.get(offset + Ipv4Header.SOURCE_OFFSET + i);
            destination[i] = packet.get(offset + Ipv4Header.DESTINATION_OFFSET + i);
        }
        layout.authHeaderOffset = offset + layout.ipHeaderLength;
        layout.unicast = !destinationIsMulticast();
        return layout.vrrpLength < VrrpWire.HEADER_LENGTH ? AdvertVerdict.TOO_SHORT : AdvertVerdict.ACCEPTED;
    }

    private AdvertVerdict findVrrpMessage(int offset, int length) {
        if (length < layout.ipHeaderLength) {
            return AdvertVerdict.TOO_SHORT;
        }
        int afterIpHeader = offset + layout.ipHeaderLength;
        if (ipProtocol == VrrpWire.PROTOCOL_VRRP) {
            layout.vrrpOffset = afterIpHeader;
        } else if (ipProtocol == VrrpWire.PROTOCOL_AH) {
            if (length < layout.ipHeaderLength + AH_FIXED_LENGTH) {
                return AdvertVerdict.TOO_SHORT;
            }
            if (Bytes.get8(packet, afterIpHeader) != VrrpWire.PROTOCOL_VRRP) {
                return AdvertVerdict.BAD_IP_HEADER;
            }
            // AH's payload length counts 32-bit words, minus 2 (RFC 4302 2.2)
            int ahLength = (Bytes.get8(packet, afterIpHeader + 1) + 2) * 4;
            if (length < layout.ipHeaderLength + ahLength) {
                return AdvertVerdict.TOO_SHORT;
            }
            layout.vrrpOffset = afterIpHeader + ahLength;
        } else {
            return AdvertVerdict.BAD_IP_HEADER;
        }
        layout.vrrpLength = offset + length - layout.vrrpOffset;
        return AdvertVerdict.ACCEPTED;
    }

    /**
     * Points the view at a VRRP message as an IPv6 raw socket delivers it: the message alone, with the
     * source, destination (16 bytes each, network order) and hop limit that recvmsg reported beside it.
     * Returns {@link AdvertVerdict#ACCEPTED} when the packet is framed.
     */
    public AdvertVerdict wrapIpv6(ByteBuffer message, int offset, int length, byte[] sourceAddress,
                                  byte[] destinationAddress, int hopLimit) {
        packet = message;
        family = Family.IPV6;
        addressLength = IPV6_ADDRESS_LENGTH;
        ipProtocol = VrrpWire.PROTOCOL_VRRP;
        ipTotalLength = length;
        ttl = hopLimit;
        System.arraycopy(sourceAddress, 0, source, 0, IPV6_ADDRESS_LENGTH);
        System.arraycopy(destinationAddress, 0, destination, 0, IPV6_ADDRESS_LENGTH);
        layout.pointAt(offset, 0, offset, offset, length, !destinationIsMulticast());
        return length < VrrpWire.HEADER_LENGTH ? AdvertVerdict.TOO_SHORT : AdvertVerdict.ACCEPTED;
    }

    /** Frames and validates an IPv4 packet: {@link #wrapIpv4} then {@link #validate}. */
    public AdvertVerdict decodeIpv4(ByteBuffer packet, int offset, int length, boolean v3ChecksumAsV2) {
        AdvertVerdict framing = wrapIpv4(packet, offset, length);
        return framing == AdvertVerdict.ACCEPTED ? validate(v3ChecksumAsV2) : framing;
    }

    /** Frames and validates an IPv6 VRRP message: {@link #wrapIpv6} then {@link #validate}. */
    public AdvertVerdict decodeIpv6(ByteBuffer message, int offset, int length, byte[] sourceAddress,
                                    byte[] destinationAddress, int hopLimit) {
        AdvertVerdict framing = wrapIpv6(message, offset, length, sourceAddress, destinationAddress, hopLimit);
        return framing == AdvertVerdict.ACCEPTED ? validate(false) : framing;
    }

    /**
     * The checks that need nothing but the packet, in keepalived's relative order. Only after a successful
     * wrap. {@code v3ChecksumAsV2} matters only for VRRPv3 over IPv4.
     */
    public AdvertVerdict validate(boolean v3ChecksumAsV2) {
        if (!lengthMatchesCount()) {
            return AdvertVerdict.ADDRESS_COUNT_MISMATCH;
        }
        if (!hasKnownVersion()) {
            return AdvertVerdict.BAD_VERSION;
        }
        if (!isAdvertisement()) {
            return AdvertVerdict.BAD_TYPE;
        }
        if (!ipTotalLengthMatches()) {
            return AdvertVerdict.IP_LENGTH_MISMATCH;
        }
        return checksumIsValid(v3ChecksumAsV2) ? AdvertVerdict.ACCEPTED : AdvertVerdict.BAD_CHECKSUM;
    }

    /** Whether the message is exactly as long as its version and address count make it. */
    public boolean lengthMatchesCount() {
        return layout.vrrpLength == VrrpWire.messageLength(version(), addressCount(), addressLength);
    }

    /** Version 3, or version 2 over IPv4. */
    public boolean hasKnownVersion() {
        int version = version();
        return version == 3 || (version == 2 && family == Family.IPV4);
    }

    public boolean isAdvertisement() {
        return type() == VrrpWire.TYPE_ADVERTISEMENT;
    }

    /** Whether the IPv4 total length is the number of bytes received (always true for IPv6). */
    public boolean ipTotalLengthMatches() {
        return ipTotalLength == layout.vrrpOffset - layout.ipOffset + layout.vrrpLength;
    }

    public boolean checksumIsValid(boolean v3ChecksumAsV2) {
        return AdvertChecksum.isValid(packet, layout.vrrpOffset, layout.vrrpLength, version(), source, destination,
                addressLength, v3ChecksumAsV2);
    }

    /** Where the IP header, the auth header and the message lie, for the auth method. */
    public AdvertLayout layout() {
        return layout;
    }

    /** Offset of the VRRP message in {@link #buffer()}. */
    public int vrrpOffset() {
        return layout.vrrpOffset;
    }

    /** Length of the VRRP message. */
    public int vrrpLength() {
        return layout.vrrpLength;
    }

    /** Whether it was sent to one of us rather than to a multicast group. */
    public boolean unicast() {
        return layout.unicast;
    }

    /** The buffer the view reads; auth methods get it with {@link #layout()}. */
    public ByteBuffer buffer() {
        return packet;
    }

    public Family family() {
        return family;
    }

    /** The IP protocol of the packet: 112, or 51 when wrapped in AH. */
    public int ipProtocol() {
        return ipProtocol;
    }

    /** The TTL (IPv4) or hop limit (IPv6) it arrived with. */
    public int ttl() {
        return ttl;
    }

    public int version() {
        return Bytes.get8(packet, layout.vrrpOffset) >>> 4;
    }

    public int type() {
        return Bytes.get8(packet, layout.vrrpOffset) & 0x0f;
    }

    public int vrid() {
        return Bytes.get8(packet, layout.vrrpOffset + 1);
    }

    @Override
    public int priority() {
        return Bytes.get8(packet, layout.vrrpOffset + 2);
    }

    /** The address count field ("Count IPvX Addr"). */
    public int addressCount() {
        return Bytes.get8(packet, layout.vrrpOffset + 3);
    }

    /** VRRPv2's auth type; 0 for VRRPv3, which has none. */
    public int authType() {
        return version() == 2 ? Bytes.get8(packet, layout.vrrpOffset + 4) : VrrpWire.AUTH_NONE;
    }

    /** The advert interval in centiseconds: VRRPv2's seconds × 100, or VRRPv3's 12-bit field as it is. */
    @Override
    public int intervalCentiseconds() {
        if (version() == 2) {
            return Bytes.get8(packet, layout.vrrpOffset + 5) * 100;
        }
        return Bytes.get16(packet, layout.vrrpOffset + 4) & VrrpWire.V3_MAX_INTERVAL_CENTISECONDS;
    }

    /** The checksum field as received. */
    public int checksum() {
        return Bytes.get16(packet, layout.vrrpOffset + AdvertChecksum.FIELD_OFFSET);
    }

    /** Address length of the family: 4 or 16. */
    public int addressLength() {
        return addressLength;
    }

    /** Copies address {@code index} (0-based, below {@link #addressCount()}) into the start of {@code target}. */
    public void copyAddress(int index, byte[] target) {
        int start = addressStart(index);
        for (int i = 0; i < addressLength; i++) {
            target[i] = packet.get(start + i);
        }
    }

    /** Whether address {@code index} equals the first {@link #addressLength()} bytes of {@code address}. */
    public boolean addressEquals(int index, byte[] address) {
        int start = addressStart(index);
        for (int i = 0; i < addressLength; i++) {
            if (packet.get(start + i) != address[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether any address in the list equals {@code address}. */
    public boolean containsAddress(byte[] address) {
        for (int index = 0; index < addressCount(); index++) {
            if (addressEquals(index, address)) {
                return true;
            }
        }
        return false;
    }

    private int addressStart(int index) {
        return layout.vrrpOffset + VrrpWire.HEADER_LENGTH + index * addressLength;
    }

    /** Copies the source address into the start of {@code target}. */
    public void copySource(byte[] target) {
        System.arraycopy(source, 0, target, 0, addressLength);
    }

    /** Copies the destination address into the start of {@code target}. */
    public void copyDestination(byte[] target) {
        System.arraycopy(destination, 0, target, 0, addressLength);
    }

    /**
     * Bytes {@code 8 * word} to {@code 8 * word + 7} of the source address as one big-endian number, zero
     * past the address's end: two words hold any address, to be kept or compared without a copy.
     */
    public long sourceWord(int word) {
        long value = 0;
        for (int i = 8 * word; i < 8 * word + 8; i++) {
            value = value << 8 | (i < addressLength ? source[i] & 0xff : 0);
        }
        return value;
    }

    /** Whether the source address equals the first {@link #addressLength()} bytes of {@code address}. */
    public boolean sourceEquals(byte[] address) {
        return address.length == addressLength && Bytes.compareUnsigned(source, address, addressLength) == 0;
    }

    @Override
    public int compareSourceAddressTo(byte[] address) {
        if (address.length != addressLength) {
            return addressLength - address.length;
        }
        return Bytes.compareUnsigned(source, address, addressLength);
    }

    /** Whether it was sent to a multicast group (224.0.0.0/4, ff00::/8) rather than to us. */
    public boolean destinationIsMulticast() {
        return VrrpWire.isMulticast(destination, addressLength);
    }
}
