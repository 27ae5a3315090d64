package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.Tshark;

/** Three hakeeperd on one segment (VRRPv3, IPv4, multicast, advert_int 0.1 s): election, VIP, GARP. */
class ElectionIT {

    static final String VIP = "192.0.2.200";
    private static final Duration SETTLE = Duration.ofSeconds(10);

    static String instance(int priority) {
        return """
                [vrrp_instance.VI_1]
                interface = "eth0"
                version = 3
                virtual_router_id = 51
                priority = %d
                advert_int = 0.1
                virtual_ipaddress = ["%s/24"]
                """.formatted(priority, VIP);
    }

    @Test
    void threeDaemonsElectTheHighestPriorityAndItsGarpMovesTheClientOnTakeover() {
        try (Segment segment = Segment.create("ElectionIT", 3)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            LabNode node3 = segment.node(3);
            // the highest priority starts in the middle: it has to win over a running master. The lowest is far
            // below the others: at 0.1 s, priorities 100 and 110 have Skew_Times 4 ms apart, and both backups
            // may then become master at once for an instant when the master leaves (legal, but not this test)
            Hakeeperd low = segment.start(node1, instance(50));
            Hakeeperd high = segment.start(node2, instance(120));
            Hakeeperd middle = segment.start(node3, instance(110));

            high.awaitState("VI_1", "MASTER", SETTLE);
            low.awaitState("VI_1", "BACKUP", SETTLE);
            middle.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node2, VIP, SETTLE);
            segment.assertClientReaches(VIP);
            assertEquals(node2.mac().toLowerCase(), segment.clientNeighbourMac(VIP).orElseThrow());

            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            high.terminate();
            middle.awaitState("VI_1", "MASTER", SETTLE);
            // the client sends nothing until its entry has moved: only the GARP can have moved it
            segment.awaitClientNeighbour(VIP, node3, Duration.ofSeconds(2));
            segment.assertClientReaches(VIP);
            segment.awaitVipOnlyOn(node3, VIP, SETTLE);
            assertEquals(0, high.awaitExit(Duration.ofSeconds(5)), high::log);
            Path pcap = capture.stop();

            Segment.assertNotEmpty(pcap);
            Segment.assertAdvertsValid(pcap);
            String garp = "arp.opcode == 1 && arp.src.hw_mac == " + node3.mac() + " && arp.src.proto_ipv4 == " + VIP
                    + " && arp.dst.proto_ipv4 == " + VIP;
            List<String> garps = Tshark.fields(pcap, garp, List.of("frame.number"));
            assertFalse(garps.isEmpty(), "no GARP from the new master in " + pcap);
            List<String> clientRequests = Tshark.fields(pcap, "arp.opcode == 1 && arp.src.proto_ipv4 == "
                    + client(segment) + " && arp.dst.proto_ipv4 == " + VIP, List.of("frame.number"));
            int firstGarp = Integer.parseInt(garps.get(0).trim());
            for (String request : clientRequests) {
                assertTrue(Integer.parseInt(request.trim()) > firstGarp,
                        "the client asked for " + VIP + " (frame " + request + ") before the GARP (frame " + firstGarp + ")");
            }
            low.awaitState("VI_1", "BACKUP", SETTLE);
        }
    }

    private static String client(Segment segment) {
        return segment.client().ipv4().getHostAddress();
    }
}
