package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.Tshark;

/**
 * The protocol variants on the wire, each one election and one graceful takeover between two hakeeperd:
 * VRRPv2 with PASS authentication (1 s, where v2 is the point), VRRPv3 over IPv6 (link-local first VIP and a
 * global one), and unicast adverts over IPv4 and IPv6. Multicast VRRPv3 over IPv4 is {@link ElectionIT}'s.
 * In each, tshark must find the adverts of the variant, every one with a valid checksum, and the client must
 * reach the VIP on the new master through the new master's gratuitous ARP / unsolicited NA.
 */
class ProtocolsIT {

    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final int HIGH = 120;
    private static final int LOW = 110;

    @Test
    void vrrpV2WithPassAuthentication() {
        takeover("ProtocolsIT-v2-pass", 1.0, "192.0.2.61",
                (node, peer) -> """
                        [vrrp_instance.VI_1]
                        interface = "eth0"
                        version = 2
                        virtual_router_id = 61
                        priority = %d
                        advert_int = 1
                        authentication = { auth_type = "PASS", auth_pass = "s3cret" }
                        virtual_ipaddress = ["192.0.2.61/24", "192.0.2.62/24"]
                        """.formatted(priority(node)),
                "vrrp.version == 2 && vrrp.virt_rtr_id == 61 && vrrp.auth_type == 1 && vrrp.auth_string == \"s3cret\""
                        + " && vrrp.adver_int == 1 && vrrp.addr_count == 2 && vrrp.ip_addr == 192.0.2.62"
                        + " && ip.dst == 224.0.0.18 && ip.ttl == 255");
    }

    @Test
    void vrrpV3OverIpv6WithALinkLocalFirstVip() {
        takeover("ProtocolsIT-v3-ipv6", 0.1, "2001:db8::51",
                (node, peer) -> """
                        [vrrp_instance.VI_6]
                        interface = "eth0"
                        version = 3
                        virtual_router_id = 52
                        priority = %d
                        advert_int = 0.1
                        virtual_ipaddress = ["fe80::51:1/64", "2001:db8::51/64"]
                        """.formatted(priority(node)),
                "vrrp.version == 3 && vrrp.virt_rtr_id == 52 && vrrp.short_adver_int == 10 && vrrp.addr_count == 2"
                        + " && vrrp.ipv6_addr == fe80::51:1 && vrrp.ipv6_addr == 2001:db8::51"
                        + " && ipv6.dst == ff02::12 && ipv6.hlim == 255 && ipv6.src == fe80::/10");
    }

    @Test
    void vrrpV3UnicastOverIpv4() {
        takeover("ProtocolsIT-v3-unicast4", 0.1, "192.0.2.53",
                (node, peer) -> """
                        [vrrp_instance.VI_1]
                        interface = "eth0"
                        version = 3
                        virtual_router_id = 53
                        priority = %d
                        advert_int = 0.1
                        unicast_peer = ["%s"]
                        virtual_ipaddress = ["192.0.2.53/24"]
                        """.formatted(priority(node), peer.ipv4().getHostAddress()),
                "vrrp.version == 3 && vrrp.virt_rtr_id == 53 && !(ip.dst == 224.0.0.0/4)");
    }

    @Test
    void vrrpV3UnicastOverIpv6() {
        takeover("ProtocolsIT-v3-unicast6", 0.1, "2001:db8::54",
                (node, peer) -> """
                        [vrrp_instance.VI_6]
                        interface = "eth0"
                        version = 3
                        virtual_router_id = 54
                        priority = %d
                        advert_int = 0.1
                        unicast_peer = ["%s"]
                        virtual_ipaddress = ["fe80::54:1/64", "2001:db8::54/64"]
                        """.formatted(priority(node), peer.ipv6().getHostAddress()),
                "vrrp.version == 3 && vrrp.virt_rtr_id == 54 && !(ipv6.dst == ff00::/8)");
    }

    private static int priority(LabNode node) {
        return node.name().equals("node1") ? HIGH : LOW;
    }

    /**
     * node1 (priority 120) becomes master, node2 (110) backup; the client reaches {@code vip}; node1 is
     * stopped with SIGTERM; node2 takes over within Skew_Time + 100 ms and the client's neighbour entry moves
     * to node2 before the client asks.
     */
    private static void takeover(String name, double intervalSeconds, String vip,
                                 BiFunction<LabNode, LabNode, String> instance, String variantFilter) {
        try (Segment segment = Segment.create(name, 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Hakeeperd master = segment.start(node1, instance.apply(node1, node2));
            Hakeeperd backup = segment.start(node2, instance.apply(node2, node1));
            String name1 = vip.contains(":") ? "VI_6" : "VI_1";
            master.awaitState(name1, "MASTER", SETTLE);
            backup.awaitState(name1, "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node1, vip, SETTLE);
            segment.assertClientReaches(vip);
            assertEquals(node1.mac().toLowerCase(), segment.clientNeighbourMac(vip).orElseThrow());

            Instant event = Instant.now();
            master.terminate();
            backup.awaitState(name1, "MASTER", SETTLE);
            assertEquals(0, master.awaitExit(Duration.ofSeconds(2)), master::log);
            segment.awaitClientNeighbour(vip, node2, Duration.ofSeconds(2));
            segment.awaitVipOnlyOn(node2, vip, SETTLE);
            segment.assertClientReaches(vip);
            Path pcap = capture.stop();

            Segment.assertNotEmpty(pcap);
            int adverts = Segment.assertAdvertsValid(pcap);
            int ofVariant = Tshark.count(pcap, variantFilter);
            assertTrue(ofVariant > 0, "no advert matching '" + variantFilter + "' in " + pcap);
            String fromNode2 = "vrrp && vrrp.prio == " + LOW + " && eth.src == " + node2.mac();
            double measured = Segment.millisToFirst(pcap, fromNode2, event);
            double limit = Timing.skewMillis(LOW, intervalSeconds) + 100;
            Timing.report(name + ", master stopped (SIGTERM) -> first advert of the new master", measured, limit);
            assertTrue(measured <= limit, "took over after " + measured + " ms, limit " + limit + "\n" + segment.logs());
            System.out.printf("%s: %d adverts captured, %d of the variant, all tshark-valid%n", name, adverts, ofVariant);
        }
    }

}
