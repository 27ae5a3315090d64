package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * Adverts of a live keepalived (Debian's) in a lab node, captured on its wire, decode with hakeeper's codec
 * to the values keepalived was configured with: VRRPv2 with PASS, VRRPv3 over IPv4, VRRPv3 over IPv6.
 */
class KeepalivedCodecIT {

    private static final String CONFIG = """
            global_defs {
                router_id ka1
                vrrp_garp_master_delay 0
            }
            vrrp_instance KA_V2 {
                state MASTER
                interface eth0
                version 2
                virtual_router_id 61
                priority 150
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass s3cret
                }
                virtual_ipaddress {
                    192.0.2.61/24
                    192.0.2.62/24
                }
            }
            vrrp_instance KA_V3 {
                state MASTER
                interface eth0
                version 3
                virtual_router_id 62
                priority 140
                advert_int 0.5
                virtual_ipaddress {
                    192.0.2.63/24
                }
            }
            vrrp_instance KA_V6 {
                state MASTER
                interface eth0
                version 3
                virtual_router_id 63
                priority 130
                advert_int 0.5
                virtual_ipaddress {
                    fe80::63:1/64
                    2001:db8::63/64
                }
            }
            """;

    /** What each instance was configured with, as its adverts must say. */
    private record Expected(int version, int priority, int intervalCentiseconds, int authType, List<String> addresses) {
    }

    private static final Map<Integer, Expected> EXPECTED = Map.of(
            61, new Expected(2, 150, 100, 1, List.of("192.0.2.61", "192.0.2.62")),
            62, new Expected(3, 140, 50, 0, List.of("192.0.2.63")),
            63, new Expected(3, 130, 50, 0, List.of("fe80::63:1", "2001:db8::63")));

    @Test
    void keepalivedAdvertsDecodeToItsConfiguration() throws Exception {
        try (Segment segment = Segment.create("KeepalivedCodecIT", 1)) {
            LabNode node = segment.node(1);
            Capture capture = segment.lab().capture(node, "ip proto 112 or ip6 proto 112");
            Keepalived keepalived = segment.startKeepalived(node, CONFIG);
            for (String instance : List.of("KA_V2", "KA_V3", "KA_V6")) {
                keepalived.awaitState(instance, "MASTER", Duration.ofSeconds(15));
            }
            Hakeeperd.sleep(2200); // at least two v2 adverts, four of each v3
            Path pcap = capture.stop();
            Segment.assertNotEmpty(pcap);
            Segment.assertAdvertsValid(pcap);

            Map<Integer, Integer> decoded = new TreeMap<>();
            AdvertView view = new AdvertView();
            for (byte[] frame : Pcap.frames(pcap)) {
                int vrid = decode(view, frame, node);
                decoded.merge(vrid, 1, Integer::sum);
            }
            System.out.println("keepalived adverts decoded by hakeeper's codec, by VRID: " + decoded);
            assertEquals(EXPECTED.keySet(), decoded.keySet(), "adverts by VRID in " + pcap);
            assertTrue(decoded.get(61) >= 2 && decoded.get(62) >= 3 && decoded.get(63) >= 3, decoded::toString);
        }
    }

    /** Decodes one captured frame, checks it against the configuration, and returns its VRID. */
    private static int decode(AdvertView view, byte[] frame, LabNode node) throws UnknownHostException {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int etherType = buffer.getShort(12) & 0xffff;
        AdvertVerdict verdict;
        byte[] source;
        if (etherType == 0x0800) {
            int totalLength = buffer.getShort(14 + 2) & 0xffff; // Ethernet may pad; the IP packet is this long
            verdict = view.decodeIpv4(buffer, 14, Math.min(totalLength, frame.length - 14), false);
            source = node.ipv4().getAddress();
        } else if (etherType == 0x86dd) {
            assertEquals(112, frame[14 + 6] & 0xff, "IPv6 next header: keepalived sends VRRP right after the header");
            int payload = buffer.getShort(14 + 4) & 0xffff;
            verdict = view.decodeIpv6(buffer, 54, payload, Arrays.copyOfRange(frame, 22, 38),
                    Arrays.copyOfRange(frame, 38, 54), frame[14 + 7] & 0xff);
            source = node.ipv6LinkLocal().getAddress();
        } else {
            throw new AssertionError("not IP: ethertype " + Integer.toHexString(etherType));
        }
        assertEquals(AdvertVerdict.ACCEPTED, verdict, "hakeeper's codec rejects a keepalived advert");
        Expected expected = EXPECTED.get(view.vrid());
        assertTrue(expected != null, "unexpected VRID " + view.vrid());
        String what = "VRID " + view.vrid();
        assertEquals(expected.version(), view.version(), what);
        assertEquals(expected.priority(), view.priority(), what);
        assertEquals(expected.intervalCentiseconds(), view.intervalCentiseconds(), what);
        assertEquals(expected.authType(), view.authType(), what);
        assertEquals(255, view.ttl(), what + " TTL / hop limit");
        assertTrue(view.destinationIsMulticast(), what);
        assertEquals(expected.addresses().size() > 0 && expected.addresses().get(0).contains(":")
                ? Family.IPV6 : Family.IPV4, view.family(), what);
        assertTrue(view.sourceEquals(source), what + ": source is not the node's (link-local for IPv6) address");
        assertEquals(expected.addresses().size(), view.addressCount(), what);
        byte[] address = new byte[16];
        for (int i = 0; i < view.addressCount(); i++) {
            view.copyAddress(i, address);
            byte[] want = InetAddress.getByName(expected.addresses().get(i)).getAddress();
            assertArrayEquals(want, Arrays.copyOf(address, want.length), what + " address " + i);
        }
        if (expected.authType() == 1) {
            // VRRPv2 PASS: 8 bytes of password, zero-padded, after the addresses
            int at = view.vrrpOffset() + 8 + 4 * view.addressCount();
            byte[] pass = Arrays.copyOfRange(frame, at, at + 8);
            assertArrayEquals(Arrays.copyOf("s3cret".getBytes(StandardCharsets.US_ASCII), 8), pass, what + " auth data");
        }
        return view.vrid();
    }
}
