package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;

/**
 * A VIP backend whose every call for one instance's VIP hangs for good, deaf to interrupts: the other
 * instance's VIP still comes up as soon as that instance is master, the hung calls are cut off after their
 * timeout (10 s), counted in {@code ha-admin stats} and logged once each, and the daemon still stops.
 */
class HungVipBackendIT {

    private static final Duration SETTLE = Duration.ofSeconds(15);
    /** VipWork's call timeout, and the time it takes to notice. */
    private static final Duration CUT_OFF = Duration.ofSeconds(10 + 10);

    @TempDir
    Path work;

    @Test
    void oneInstancesHungVipCallsHoldUpNoOtherInstance() throws Exception {
        Path tree = Tree.copyTo(work);
        FailingPlugin.installIn(tree);
        String okVip = "192.0.2.67";
        try (Segment segment = Segment.create("HungVipBackendIT", 1, tree)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-hung-vip-" + node.namespace() + ".sock");
            Path file = segment.lab().workDir().resolve("hakeeper.toml");
            // VI_HUNG comes first: its start-up clean-up (remove) hangs before VI_OK's jobs are even asked for
            Files.writeString(file, """
                    [global_defs]
                    router_id = "%s"
                    control_socket = "%s"
                    vrrp_garp_master_delay = 0
                    vip_backend = "%s"

                    [vrrp_instance.VI_HUNG]
                    interface = "eth0"
                    version = 3
                    virtual_router_id = 66
                    priority = 150
                    advert_int = 0.5
                    virtual_ipaddress = ["%s/24"]

                    [vrrp_instance.VI_OK]
                    interface = "eth0"
                    version = 3
                    virtual_router_id = 67
                    priority = 150
                    advert_int = 1
                    virtual_ipaddress = ["%s/24"]
                    """.formatted(node.name(), socket, FailingPlugin.HANGING_BACKEND, FailingPlugin.HUNG_VIP, okVip));
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Hakeeperd daemon = segment.start(node, file);
            daemon.awaitState("VI_OK", "MASTER", SETTLE);
            segment.awaitVipOn(node, okVip, Duration.ofSeconds(2));
            segment.assertClientReaches(okVip);
            Path pcap = capture.stop();
            BigDecimal firstAdvert = Segment.times(pcap, "vrrp && vrrp.virt_rtr_id == 67").get(0);
            BigDecimal firstGarp = Segment.times(pcap, "arp.opcode == 1 && arp.src.proto_ipv4 == " + okVip
                    + " && arp.dst.proto_ipv4 == " + okVip).get(0);
            System.out.printf("HUNG-VIP VI_OK's first gratuitous ARP %.1f ms after its first advert as master,"
                    + " VI_HUNG's VIP calls hung (load %s)%n", firstGarp.subtract(firstAdvert).doubleValue() * 1000,
                    Files.readString(Path.of("/proc/loadavg")).strip());
            assertEquals("MASTER", daemon.state("VI_HUNG"), daemon::log);

            ControlIT.Admin admin = new ControlIT.Admin(segment.tree(), socket);
            long deadline = System.nanoTime() + CUT_OFF.toNanos();
            while (vipTimeouts(admin) < 1) {
                assertTrue(System.nanoTime() < deadline, "no VIP backend timeout in stats within " + CUT_OFF
                        + "\n" + daemon.log());
                Hakeeperd.sleep(200);
            }
            // the start-up clean-up lists the interface first and finds no leftover to remove, so the first call
            // of VI_HUNG's that hangs is the add on becoming master
            String cutOff = "VI_HUNG (VRID 66, IPv4): add " + FailingPlugin.HUNG_VIP + "/24 timed out after 10000 ms";
            assertEquals(1, daemon.log().lines().filter(line -> line.contains(cutOff)).count(), daemon::log);
            assertTrue(segment.holds(node, okVip), "VI_OK's VIP went\n" + daemon.log());

            daemon.terminate();
            daemon.awaitExit(Duration.ofSeconds(10));
        }
    }

    private static long vipTimeouts(ControlIT.Admin admin) {
        Map<String, Object> stats = ControlIT.map(admin.json("stats").get("result"));
        return ((Number) ControlIT.map(stats.get("vip_backend")).get("timeouts")).longValue();
    }
}
