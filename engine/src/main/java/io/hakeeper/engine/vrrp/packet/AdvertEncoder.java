package io.hakeeper.engine.vrrp.packet;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.hakeeper.api.AuthMethod;

/**
 * Writes the adverts of one virtual router into a caller's buffer: header, address list, auth data
 * (through the instance's {@link AuthMethod}) and checksum. Everything that does not change between
 * adverts is prepared once, so that writing one allocates nothing. One instance per virtual router, used
 * from the event loop only.
 *
 * <p>Order matters with auth: an auth method without a header of its own (PASS) writes into the message,
 * which the checksum then covers; one with a header (AH) authenticates the finished packet, checksum
 * included, so it seals last.
 */
public final class AdvertEncoder {

    private final AdvertSpec spec;
    // the spec's fields as every advert reads them, kept here so that an advert does not reach through the
    // spec and its address list (with 1,000 instances, cold cache lines each time)
    private final int version;
    private final int vrid;
    private final int intervalCentiseconds;
    private final int addressCount;
    private final int addressLength;
    private final int messageLength;
    private final boolean v3ChecksumAsV2;
    private final AuthMethod auth;
    private final byte[] addresses;
    private final int authType;
    private final PacketLayout layout = new PacketLayout();
    /** The last IP identification sent with an auth header: 1, 2, ... 65535, 1, as keepalived counts. */
    private int ipIdentification;

    /** {@code auth} is for VRRPv2 only; VRRPv3 has no authentication. */
    public AdvertEncoder(AdvertSpec spec, Optional<AuthMethod> auth) {
        if (auth.isPresent() && spec.version() != 2) {
            throw new IllegalArgumentException("VRRPv" + spec.version() + " has no authentication");
        }
        this.spec = spec;
        this.version = spec.version();
        this.vrid = spec.vrid();
        this.intervalCentiseconds = spec.intervalCentiseconds();
        this.addressCount = spec.addresses().size();
        this.addressLength = spec.addressLength();
        this.messageLength = spec.messageLength();
        this.v3ChecksumAsV2 = spec.v3ChecksumAsV2();
        this.auth = auth.orElse(null);
        this.authType = auth.map(AuthMethod::authType).orElse(VrrpWire.AUTH_NONE);
        addresses = new byte[addressCount * addressLength];
        for (int i = 0; i < addressCount; i++) {
            System.arraycopy(spec.addresses().get(i).getAddress(), 0, addresses, i * addressLength, addressLength);
        }
    }

    public AdvertSpec spec() {
        return spec;
    }

    /**
     * Writes what the socket sends, from {@code offset}: the VRRP message alone (the kernel adds the IP
     * header), or, when the auth method has a header of its own (AH, sent with IP_HDRINCL), the whole
     * IPv4 packet. {@code source} and {@code destination} (4 or 16 bytes) are the addresses the packet
     * travels with; VRRPv3's checksum covers them, so a unicast advert is written once per peer.
     *
     * @return the number of bytes written
     */
    public int encode(ByteBuffer out, int offset, int priority, byte[] source, byte[] destination) {
        if (auth != null && auth.headerLength() > 0) {
            return encodeIpv4Packet(out, offset, priority, source, destination);
        }
        return encodeMessage(out, offset, priority, source, destination);
    }

    /**
     * Writes the VRRP message alone at {@code offset}, sealed and checksummed; returns its length. Not for
     * an auth method with a header of its own, which needs the IP header around the message.
     */
    public int encodeMessage(ByteBuffer out, int offset, int priority, byte[] source, byte[] destination) {
        if (auth != null && auth.headerLength() > 0) {
            throw new IllegalStateException("auth type " + authType + " needs the IPv4 header: use encode");
        }
        int length = writeMessage(out, offset, priority);
        layout.pointAt(offset, 0, offset, offset, length, !VrrpWire.isMulticast(destination));
        sealAndChecksum(out, source, destination);
        return length;
    }

    /**
     * Writes a whole IPv4 packet at {@code offset}: IP header (TTL 255), the auth method's header when it
     * has one, and the VRRP message; for AH with IP_HDRINCL, and for captures. Returns its length.
     */
    public int encodeIpv4Packet(ByteBuffer out, int offset, int priority, byte[] source, byte[] destination) {
        if (addressLength != 4) {
            throw new IllegalStateException("an IPv6 advert has no IPv4 header");
        }
        int authHeaderLength = auth == null ? 0 : auth.headerLength();
        int protocol = auth == null ? VrrpWire.PROTOCOL_VRRP : auth.ipProtocol();
        int authHeaderOffset = offset + VrrpWire.IPV4_HEADER_LENGTH;
        int vrrpOffset = authHeaderOffset + authHeaderLength;
        // AH digests the IP header: the identification must be non-zero, or the kernel picks one after
        // the digest was taken (keepalived counts it up, skipping 0); other adverts keep 0
        int identification = 0;
        if (authHeaderLength > 0) {
            ipIdentification = ipIdentification == 0xffff ? 1 : ipIdentification + 1;
            identification = ipIdentification;
        }
        int ipHeaderLength = Ipv4Header.write(out, offset, protocol, VrrpWire.TTL, identification, source,
                destination, authHeaderLength + messageLength);
        for (int i = authHeaderOffset; i < vrrpOffset; i++) {
            out.put(i, (byte) 0);
        }
        int length = writeMessage(out, vrrpOffset, priority);
        layout.pointAt(offset, ipHeaderLength, authHeaderOffset, vrrpOffset, length,
                !VrrpWire.isMulticast(destination));
        sealAndChecksum(out, source, destination);
        return vrrpOffset - offset + length;
    }

    /** Seals and checksums the advert the layout points at, in the order the auth method needs. */
    private void sealAndChecksum(ByteBuffer out, byte[] source, byte[] destination) {
        boolean sealsMessage = auth != null && auth.headerLength() == 0;
        if (sealsMessage) {
            auth.seal(out, layout);
        }
        AdvertChecksum.write(out, layout.vrrpOffset(), layout.vrrpLength(), version, source, destination,
                addressLength, v3ChecksumAsV2);
        if (auth != null && !sealsMessage) {
            auth.seal(out, layout);
        }
    }

    private int writeMessage(ByteBuffer out, int offset, int priority) {
        out.put(offset, (byte) (version << 4 | VrrpWire.TYPE_ADVERTISEMENT));
        out.put(offset + 1, (byte) vrid);
        out.put(offset + 2, (byte) priority);
        out.put(offset + 3, (byte) addressCount);
        if (version == 2) {
            out.put(offset + 4, (byte) authType);
            out.put(offset + 5, (byte) (intervalCentiseconds / 100));
        } else {
            // the top 4 bits are reserved and sent as zero
            Bytes.put16(out, offset + 4, intervalCentiseconds);
        }
        Bytes.put16(out, offset + AdvertChecksum.FIELD_OFFSET, 0);
        int addressStart = offset + VrrpWire.HEADER_LENGTH;
        for (int i = 0; i < addresses.length; i++) {
            out.put(addressStart + i, addresses[i]);
        }
        if (version == 2) {
            int authData = addressStart + addresses.length;
            for (int i = 0; i < VrrpWire.V2_AUTH_DATA_LENGTH; i++) {
                out.put(authData + i, (byte) 0);
            }
        }
        return messageLength;
    }
}
