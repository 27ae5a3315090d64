package io.hakeeper.engine.vrrp.packet;

import java.net.InetAddress;
import java.util.List;

import io.hakeeper.engine.config.model.Family;

/**
 * What every advert of one virtual router says, whatever its priority at the moment: the fields an
 * {@link AdvertEncoder} writes again and again.
 *
 * @param version              2 (IPv4 only) or 3
 * @param family               the family of the addresses and of the packet
 * @param vrid                 1–255
 * @param intervalCentiseconds the advert interval; VRRPv2 carries whole seconds (1–255), VRRPv3 up to 4095
 * @param addresses            the VIPs announced, all of {@code family}, at most 255
 * @param v3ChecksumAsV2       keepalived's {@code v3_checksum_as_v2}: VRRPv3 over IPv4 summed without the
 *                             pseudo-header
 */
public record AdvertSpec(int version, Family family, int vrid, int intervalCentiseconds,
                         List<InetAddress> addresses, boolean v3ChecksumAsV2) {

    private static final int MAX_ADDRESSES = 255;

    public AdvertSpec {
        addresses = List.copyOf(addresses);
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, not " + version);
        }
        if (version == 2 && family != Family.IPV4) {
            throw new IllegalArgumentException("VRRPv2 runs over IPv4 only");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1-255, not " + vrid);
        }
        boolean intervalFits = version == 2
                ? intervalCentiseconds % 100 == 0 && intervalCentiseconds >= 100 && intervalCentiseconds <= 25_500
                : intervalCentiseconds >= 1 && intervalCentiseconds <= VrrpWire.V3_MAX_INTERVAL_CENTISECONDS;
        if (!intervalFits) {
            throw new IllegalArgumentException("advert interval of " + intervalCentiseconds
                    + " cs does not fit VRRPv" + version);
        }
        if (addresses.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses fit an advert");
        }
        for (InetAddress address : addresses) {
            if (Family.of(address) != family) {
                throw new IllegalArgumentException(address.getHostAddress() + " is not " + family);
            }
        }
    }

    /** Bytes per address: 4 or 16. */
    public int addressLength() {
        return family == Family.IPV4 ? 4 : 16;
    }

    /** The length of the VRRP message these adverts have. */
    public int messageLength() {
        return VrrpWire.messageLength(version, addresses.size(), addressLength());
    }
}
