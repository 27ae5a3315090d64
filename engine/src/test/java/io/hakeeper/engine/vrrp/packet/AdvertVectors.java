package io.hakeeper.engine.vrrp.packet;

import static io.hakeeper.engine.vrrp.packet.AdvertVector.addresses;
import static io.hakeeper.engine.vrrp.packet.AdvertVector.bytes;
import static io.hakeeper.engine.vrrp.packet.AdvertVector.ip;

import java.util.List;
import java.util.Optional;

import io.hakeeper.engine.config.model.Family;

/**
 * Adverts written by hand, byte by byte, from the layouts of RFC 3768 section 5.1 (VRRPv2) and RFC 5798
 * section 5.1 (VRRPv3). Checksums were worked out outside this code base (a few lines of Python's
 * {@code struct} over the same bytes) so that they check the codec rather than repeat it; tshark checks
 * them once more. The network issue adds adverts captured from a live keepalived here.
 */
public final class AdvertVectors {

    /** VRRPv2, multicast, PASS "secret", one VIP. */
    public static final AdvertVector V2_IPV4_PASS = new AdvertVector("v2/IPv4 PASS",
            new AdvertSpec(2, Family.IPV4, 51, 100, addresses("192.168.1.100"), false),
            Optional.of("secret"), 100, ip("192.168.1.10"), ip("224.0.0.18"), 255, bytes(
                    // IPv4 header (RFC 791)
                    0x45, 0xc0, 0x00, 0x28,     // version 4, IHL 5; TOS network control; total length 40
                    0x00, 0x00, 0x00, 0x00,     // identification 0; no flags, fragment offset 0
                    0xff, 0x70, 0x18, 0xe1,     // TTL 255; protocol 112 (VRRP); header checksum
                    192, 168, 1, 10,            // source 192.168.1.10
                    224, 0, 0, 18,              // destination 224.0.0.18
                    // VRRPv2 (RFC 3768 5.1)
                    0x21, 51, 100, 1,           // version 2, type 1; VRID 51; priority 100; count 1
                    0x01, 0x01, 0x7b, 0x71,     // auth type 1 (PASS); advert interval 1 s; checksum
                    192, 168, 1, 100,           // IP address 1: 192.168.1.100
                    's', 'e', 'c', 'r',         // authentication data: "secret", zero-padded to 8
                    'e', 't', 0, 0));

    /** VRRPv2 to a unicast peer, no auth, priority 0 (master resigning), two VIPs, 3 s. */
    public static final AdvertVector V2_IPV4_UNICAST_PRIORITY_0 = new AdvertVector("v2/IPv4 unicast priority 0",
            new AdvertSpec(2, Family.IPV4, 7, 300, addresses("192.168.1.100", "192.168.1.101"), false),
            Optional.empty(), 0, ip("192.168.1.10"), ip("192.168.1.11"), 255, bytes(
                    0x45, 0xc0, 0x00, 0x2c,     // version 4, IHL 5; TOS; total length 44
                    0x00, 0x00, 0x00, 0x00,     // identification; flags, fragment offset
                    0xff, 0x70, 0x37, 0x3c,     // TTL 255; protocol 112; header checksum
                    192, 168, 1, 10,            // source
                    192, 168, 1, 11,            // destination: the peer
                    0x21, 7, 0, 2,              // version 2, type 1; VRID 7; priority 0; count 2
                    0x00, 0x03, 0x5a, 0xd9,     // auth type 0 (none); advert interval 3 s; checksum
                    192, 168, 1, 100,           // IP address 1
                    192, 168, 1, 101,           // IP address 2
                    0, 0, 0, 0, 0, 0, 0, 0));   // authentication data: zeros without auth

    /** VRRPv3 over IPv4, multicast, two VIPs, 1 s, checksum with the pseudo-header (RFC 5798 5.2.8). */
    public static final AdvertVector V3_IPV4 = new AdvertVector("v3/IPv4",
            new AdvertSpec(3, Family.IPV4, 10, 100, addresses("10.0.0.100", "10.0.0.101"), false),
            Optional.empty(), 254, ip("10.0.0.1"), ip("224.0.0.18"), 255, bytes(
                    0x45, 0xc0, 0x00, 0x24,     // version 4, IHL 5; TOS; total length 36
                    0x00, 0x00, 0x00, 0x00,     // identification; flags, fragment offset
                    0xff, 0x70, 0xd0, 0x96,     // TTL 255; protocol 112; header checksum
                    10, 0, 0, 1,                // source 10.0.0.1
                    224, 0, 0, 18,              // destination 224.0.0.18
                    // VRRPv3 (RFC 5798 5.1)
                    0x31, 10, 254, 2,           // version 3, type 1; VRID 10; priority 254; count 2
                    0x00, 0x64, 0xd1, 0x31,     // reserved 0 + max advert interval 100 cs; checksum
                    10, 0, 0, 100,              // IPvX address 1
                    10, 0, 0, 101));            // IPvX address 2

    /** The same advert with keepalived's {@code v3_checksum_as_v2}: no pseudo-header in the checksum. */
    public static final AdvertVector V3_IPV4_CHECKSUM_AS_V2 = new AdvertVector("v3/IPv4 checksum as v2",
            new AdvertSpec(3, Family.IPV4, 10, 100, addresses("10.0.0.100", "10.0.0.101"), true),
            Optional.empty(), 254, ip("10.0.0.1"), ip("224.0.0.18"), 255, bytes(
                    0x45, 0xc0, 0x00, 0x24,     // IPv4 header as above
                    0x00, 0x00, 0x00, 0x00,
                    0xff, 0x70, 0xd0, 0x96,
                    10, 0, 0, 1,
                    224, 0, 0, 18,
                    0x31, 10, 254, 2,           // version 3, type 1; VRID 10; priority 254; count 2
                    0x00, 0x64, 0xbb, 0xc5,     // max advert interval 100 cs; checksum of the message alone
                    10, 0, 0, 100,
                    10, 0, 0, 101));

    /** VRRPv3 over IPv6 as the raw socket gives it: the message only; 2 s; one global VIP. */
    public static final AdvertVector V3_IPV6 = new AdvertVector("v3/IPv6",
            new AdvertSpec(3, Family.IPV6, 1, 200, addresses("2001:db8::100"), false),
            Optional.empty(), 100, ip("fe80::1"), ip("ff02::12"), 255, bytes(
                    0x31, 1, 100, 1,            // version 3, type 1; VRID 1; priority 100; count 1
                    0x00, 0xc8, 0x3d, 0x5d,     // max advert interval 200 cs; checksum (IPv6 pseudo-header)
                    0x20, 0x01, 0x0d, 0xb8,     // IPvX address 1: 2001:db8::100
                    0, 0, 0, 0,
                    0, 0, 0, 0,
                    0, 0, 0x01, 0x00));

    /** Every vector. */
    public static final List<AdvertVector> ALL = List.of(V2_IPV4_PASS, V2_IPV4_UNICAST_PRIORITY_0, V3_IPV4,
            V3_IPV4_CHECKSUM_AS_V2, V3_IPV6);

    private AdvertVectors() {
    }
}
