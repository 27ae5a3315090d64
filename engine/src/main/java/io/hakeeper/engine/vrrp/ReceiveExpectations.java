package io.hakeeper.engine.vrrp;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.vrrp.packet.VrrpWire;

/**
 * What one instance expects of the adverts it receives, worked out from its configuration once, so that
 * {@link ReceiveChecks} compares bytes with bytes per packet. Immutable (the address arrays are private
 * copies), built again when the configuration is reloaded.
 */
public final class ReceiveExpectations {

    private final int version;
    private final Family family;
    private final int vrid;
    private final int intervalCentiseconds;
    private final AuthMethod auth;
    private final int authType;
    private final byte[][] virtualAddresses;
    private final byte[][] unicastPeers;
    /** Read for every advert: kept as a field, so that the check does not reach into the peers' array. */
    private final boolean unicast;
    private final boolean checkUnicastSource;
    private final boolean strict;
    private final boolean skipAddressCheck;
    private final boolean v3ChecksumAsV2;

    /**
     * @param intervalCentiseconds our advert interval (a VRRPv2 advert must carry the same)
     * @param auth                 the VRRPv2 auth method; empty for none, and always for VRRPv3
     * @param virtualAddresses     our VIPs of {@code family}, in any order
     * @param unicastPeers         empty for multicast; otherwise the peers, and the instance is in unicast mode
     * @param checkUnicastSource   {@code check_unicast_src}: drop adverts from sources that are not peers
     * @param strict               {@code vrrp_strict}: drop adverts whose address list differs from ours
     * @param skipAddressCheck     {@code vrrp_skip_check_adv_addr}: do not compare address lists at all
     * @param v3ChecksumAsV2       {@code v3_checksum_as_v2}: VRRPv3 over IPv4 summed without pseudo-header
     */
    public ReceiveExpectations(int version, Family family, int vrid, int intervalCentiseconds,
                               Optional<AuthMethod> auth, List<InetAddress> virtualAddresses,
                               List<InetAddress> unicastPeers, boolean checkUnicastSource, boolean strict,
                               boolean skipAddressCheck, boolean v3ChecksumAsV2) {
        this.version = version;
        this.family = family;
        this.vrid = vrid;
        this.intervalCentiseconds = intervalCentiseconds;
        this.auth = auth.orElse(null);
        this.authType = auth.map(AuthMethod::authType).orElse(VrrpWire.AUTH_NONE);
        this.virtualAddresses = bytesOf(virtualAddresses, family);
        this.unicastPeers = bytesOf(unicastPeers, family);
        this.unicast = this.unicastPeers.length > 0;
        this.checkUnicastSource = checkUnicastSource;
        this.strict = strict;
        this.skipAddressCheck = skipAddressCheck;
        this.v3ChecksumAsV2 = v3ChecksumAsV2;
    }

    /** The expectations of a configured instance; {@code auth} is the method made from its authentication. */
    public static ReceiveExpectations of(VrrpInstance instance, GlobalDefs globals, Optional<AuthMethod> auth) {
        List<InetAddress> vips = instance.virtualAddresses().stream().map(vip -> vip.address())
                .filter(address -> Family.of(address) == instance.family()).toList();
        return new ReceiveExpectations(instance.version(), instance.family(), instance.virtualRouterId(),
                (int) (instance.advertInt().toMillis() / 10), auth, vips, instance.unicastPeers(),
                instance.checkUnicastSrc(), globals.vrrpStrict(), globals.skipCheckAdvAddr(),
                globals.v3ChecksumAsV2());
    }

    private static byte[][] bytesOf(List<InetAddress> addresses, Family family) {
        byte[][] bytes = new byte[addresses.size()][];
        for (int i = 0; i < bytes.length; i++) {
            InetAddress address = addresses.get(i);
            if (Family.of(address) != family) {
                throw new IllegalArgumentException(address.getHostAddress() + " is not " + family);
            }
            bytes[i] = address.getAddress();
        }
        return bytes;
    }

    public int version() {
        return version;
    }

    public Family family() {
        return family;
    }

    public int vrid() {
        return vrid;
    }

    public int intervalCentiseconds() {
        return intervalCentiseconds;
    }

    /** Our VRRPv2 auth type: 0 (none), 1 (PASS) or 2 (AH). */
    public int authType() {
        return authType;
    }

    /** The auth method, or {@code null} without auth (read on the hot path, hence no Optional). */
    AuthMethod authMethod() {
        return auth;
    }

    /** Whether our adverts travel inside AH, so that received ones must too. */
    public boolean expectsAh() {
        return auth != null && auth.ipProtocol() == VrrpWire.PROTOCOL_AH;
    }

    /** Unicast mode: peers are configured. */
    public boolean unicast() {
        return unicast;
    }

    public boolean checkUnicastSource() {
        return checkUnicastSource;
    }

    public boolean strict() {
        return strict;
    }

    public boolean skipAddressCheck() {
        return skipAddressCheck;
    }

    public boolean v3ChecksumAsV2() {
        return v3ChecksumAsV2;
    }

    int virtualAddressCount() {
        return virtualAddresses.length;
    }

    /** Our VIP {@code index}; the array is ours, read it only. */
    byte[] virtualAddress(int index) {
        return virtualAddresses[index];
    }

    int unicastPeerCount() {
        return unicastPeers.length;
    }

    /** Peer {@code index}; the array is ours, read it only. */
    byte[] unicastPeer(int index) {
        return unicastPeers[index];
    }
}
