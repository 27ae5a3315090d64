package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.NamespaceLab;
import io.hakeeper.engine.lab.Tshark;

/**
 * An address owner (priority 255, its VIP the interface's own address) next to an ordinary instance, with
 * each VIP backend: the owner's first advert leaves from that address, and the address stays on the
 * interface through a start-up clean-up that removes a leftover VIP of a killed daemon and through a
 * graceful stop. Our VIPs are told from the host's addresses by the protocol mark the backends put on
 * the addresses they add.
 */
class AddressOwnerIT {

    private static final String LEFTOVER = "192.0.2.201";
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @ParameterizedTest(name = "vip_backend {0}")
    @ValueSource(strings = {"iproute2", "netlink"})
    void theOwnersAddressIsNeverRemovedAndALeftoverVipIs(String backend) {
        try (Segment segment = Segment.create("AddressOwnerIT-" + backend, 2)) {
            LabNode owner = segment.node(1);
            LabNode other = segment.node(2);
            String own = owner.ipv4().getHostAddress();
            Path config = config(segment, owner, backend);

            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Hakeeperd first = segment.start(owner, config);
            first.awaitState("VI_1", "MASTER", SETTLE);
            first.awaitState("VI_2", "MASTER", SETTLE);
            segment.awaitVipOn(owner, LEFTOVER, SETTLE);
            assertFirstOwnerAdvertFrom(capture.stop(), own);
            assertTrue(segment.holds(owner, own), () -> "the owner's address went: " + segment.addresses(owner));

            first.kill();
            first.awaitExit(SETTLE);
            assertTrue(segment.holds(owner, LEFTOVER), "a killed daemon cannot remove its VIP");
            Hakeeperd peer = segment.start(other, """
                    [vrrp_instance.VI_2]
                    interface = "eth0"
                    version = 3
                    virtual_router_id = 52
                    priority = 200
                    advert_int = 0.1
                    virtual_ipaddress = ["%s/24"]
                    """.formatted(LEFTOVER));
            peer.awaitState("VI_2", "MASTER", SETTLE);

            capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Hakeeperd second = segment.start(owner, config);
            second.awaitState("VI_1", "MASTER", SETTLE);
            second.awaitState("VI_2", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(other, LEFTOVER, SETTLE);
            assertFirstOwnerAdvertFrom(capture.stop(), own);
            assertTrue(segment.holds(owner, own), () -> "the start-up clean-up removed the owner's address: "
                    + segment.addresses(owner));

            second.terminate();
            assertEquals(0, second.awaitExit(SETTLE), second::log);
            assertTrue(segment.holds(owner, own), () -> "stopping removed the owner's address: "
                    + segment.addresses(owner));
            assertFalse(second.log().contains("Exception"), second::log);
        }
    }

    private static void assertFirstOwnerAdvertFrom(Path pcap, String own) {
        Segment.assertNotEmpty(pcap);
        List<String> sources = Tshark.fields(pcap, "vrrp.virt_rtr_id == 51", List.of("ip.src"));
        assertFalse(sources.isEmpty(), "no advert of the owner in " + pcap);
        assertEquals(own, sources.get(0).trim(), "the owner's first advert came from " + sources.get(0));
        assertEquals(0, Tshark.count(pcap, "vrrp && ip.src == 0.0.0.0"), "adverts from 0.0.0.0 in " + pcap);
        Segment.assertAdvertsValid(pcap);
    }

    private static Path config(Segment segment, LabNode owner, String backend) {
        String text = """
                [global_defs]
                router_id = "%1$s"
                control_socket = "/tmp/hk-%2$s.sock"
                vrrp_garp_master_delay = 0
                vip_backend = "%3$s"

                [vrrp_instance.VI_1]
                interface = "eth0"
                version = 3
                virtual_router_id = 51
                priority = 255
                advert_int = 0.1
                virtual_ipaddress = ["%4$s/%5$d"]

                [vrrp_instance.VI_2]
                interface = "eth0"
                version = 3
                virtual_router_id = 52
                priority = 100
                advert_int = 0.1
                virtual_ipaddress = ["%6$s/24"]
                """.formatted(owner.name(), owner.namespace(), backend, owner.ipv4().getHostAddress(),
                NamespaceLab.IPV4_PREFIX_LENGTH, LEFTOVER);
        Path file = segment.lab().workDir().resolve(owner.name() + "-owner-" + backend + ".toml");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
