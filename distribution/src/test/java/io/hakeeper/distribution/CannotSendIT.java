package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.NamespaceLab;
import io.hakeeper.engine.lab.Tshark;

/**
 * An instance whose interface has no IPv4 address cannot send adverts: it is FAULT with the cause "no
 * address to send from" (logged and in ha-admin status), with or without dont_track_primary, takes no VIP
 * and sends no advert, and a link flap does not change that. When an address appears it leaves FAULT and
 * wins the election it should win (it has the higher priority). VRRPv3, IPv4, 0.1 s; and the IPv6 form,
 * where the socket itself cannot open without a link-local address.
 */
class CannotSendIT {

    private static final String VIP = ElectionIT.VIP;
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String CAUSE = "no address to send from";

    @ParameterizedTest(name = "dont_track_primary {0}")
    @ValueSource(booleans = {false, true})
    void anInterfaceWithoutAddressIsFaultUntilOneAppears(boolean dontTrackPrimary) {
        try (Segment segment = Segment.create("CannotSendIT-" + dontTrackPrimary, 2)) {
            LabNode bare = segment.node(1);
            LabNode peer = segment.node(2);
            String address = bare.ipv4().getHostAddress() + "/" + NamespaceLab.IPV4_PREFIX_LENGTH;
            segment.lab().exec(bare, "ip", "-4", "addr", "del", address, "dev", bare.interfaceName()).orThrow();
            Hakeeperd master = segment.start(peer, ElectionIT.instance(100));
            master.awaitState("VI_1", "MASTER", SETTLE);

            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Hakeeperd daemon = segment.start(bare, ElectionIT.instance(150)
                    + (dontTrackPrimary ? "dont_track_primary = true\n" : ""));
            daemon.awaitState("VI_1", "FAULT", SETTLE);
            Hakeeperd.sleep(1500);
            assertStillFault(segment, bare, daemon, master);

            segment.lab().linkDown(bare);
            Hakeeperd.sleep(300);
            segment.lab().linkUp(bare);
            Hakeeperd.sleep(1500);
            assertStillFault(segment, bare, daemon, master);

            BigDecimal addedAt = epochSeconds(Instant.now());
            segment.lab().exec(bare, "ip", "-4", "addr", "add", address, "dev", bare.interfaceName()).orThrow();
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            master.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(bare, VIP, SETTLE);
            segment.assertClientReaches(VIP);
            assertTrue(daemon.log().contains("FAULT -> BACKUP (can send adverts again)"), daemon::log);
            Path pcap = capture.stop();
            Segment.assertNotEmpty(pcap);
            Segment.assertAdvertsValid(pcap);
            assertEquals(0, Tshark.count(pcap, "vrrp && ip.src == 0.0.0.0"), "adverts from 0.0.0.0");
            for (BigDecimal sent : Segment.times(pcap, "vrrp.prio == 150")) {
                assertTrue(sent.compareTo(addedAt) >= 0, "an advert sent at " + sent
                        + " before the address was added at " + addedAt);
            }
            assertTrue(Tshark.count(pcap, "vrrp.prio == 150 && ip.src == " + bare.ipv4().getHostAddress()) > 0,
                    "no advert from the address that appeared");
            assertFalse(daemon.log().contains("Exception"), daemon::log);
        }
    }

    /**
     * The master's only address is removed under it: FAULT "no address to send from", the VIP released
     * and the backup master, with no advert from 0.0.0.0; the address back, it preempts again.
     */
    @Test
    void aMasterWhoseAddressIsRemovedIsFaultUntilItComesBack() {
        try (Segment segment = Segment.create("CannotSendIT-removed", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            String address = node1.ipv4().getHostAddress() + "/" + NamespaceLab.IPV4_PREFIX_LENGTH;
            Hakeeperd master = segment.start(node1, ElectionIT.instance(150));
            master.awaitState("VI_1", "MASTER", SETTLE);
            Hakeeperd backup = segment.start(node2, ElectionIT.instance(100));
            backup.awaitState("VI_1", "BACKUP", SETTLE);

            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            segment.lab().exec(node1, "ip", "-4", "addr", "del", address, "dev", node1.interfaceName()).orThrow();
            master.awaitState("VI_1", "FAULT", SETTLE);
            backup.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(node2, VIP, SETTLE);
            assertTrue(master.log().contains("MASTER -> FAULT (" + CAUSE + ")"), master::log);

            segment.lab().exec(node1, "ip", "-4", "addr", "add", address, "dev", node1.interfaceName()).orThrow();
            master.awaitState("VI_1", "MASTER", SETTLE);
            backup.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node1, VIP, SETTLE);
            Path pcap = capture.stop();
            Segment.assertNotEmpty(pcap);
            Segment.assertAdvertsValid(pcap);
            assertEquals(0, Tshark.count(pcap, "vrrp && ip.src == 0.0.0.0"), "adverts from 0.0.0.0");
            assertFalse(master.log().contains("Exception"), master::log);
        }
    }

    /**
     * An IPv6 instance on an interface with no link-local address cannot open its socket (adverts must
     * come from the link-local address): FAULT with the socket's error, until a link-local address appears.
     */
    @Test
    void anIpv6InterfaceWithoutLinkLocalAddressIsFaultUntilOneAppears() {
        try (Segment segment = Segment.create("CannotSendIT-ipv6", 1)) {
            LabNode bare = segment.node(1);
            String device = bare.interfaceName();
            segment.lab().exec(bare, "ip", "link", "set", device, "addrgenmode", "none").orThrow();
            segment.lab().exec(bare, "ip", "-6", "addr", "flush", "dev", device, "scope", "link").orThrow();
            Hakeeperd daemon = segment.start(bare, """
                    [vrrp_instance.VI_6]
                    interface = "eth0"
                    version = 3
                    virtual_router_id = 56
                    priority = 100
                    advert_int = 0.1
                    virtual_ipaddress = ["fe80::56:1/64", "2001:db8::56/64"]
                    """);
            daemon.awaitState("VI_6", "FAULT", SETTLE);
            Hakeeperd.sleep(1500);
            assertEquals("FAULT", daemon.state("VI_6"), daemon::log);
            assertTrue(daemon.log().contains("INIT -> FAULT (socket: cannot be opened)"), daemon::log);
            assertFalse(segment.holds(bare, "2001:db8::56"), "an instance without a socket took the VIP");
            CommandResult status = segment.lab().exec(bare, segment.tree().resolve("bin/ha-admin").toString(),
                    "--socket", "/tmp/hk-" + bare.namespace() + ".sock", "status");
            assertTrue(status.stdout().contains("FAULT (socket: "), status::describe);

            segment.lab().exec(bare, "ip", "-6", "addr", "add", "fe80::56:2/64", "dev", device, "nodad").orThrow();
            daemon.awaitState("VI_6", "MASTER", SETTLE);
            segment.awaitVipOn(bare, "2001:db8::56", SETTLE);
            assertFalse(daemon.log().contains("Exception"), daemon::log);
        }
    }

    private static BigDecimal epochSeconds(Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9));
    }

    private static void assertStillFault(Segment segment, LabNode bare, Hakeeperd daemon, Hakeeperd master) {
        assertEquals("FAULT", daemon.state("VI_1"), daemon::log);
        assertEquals("MASTER", master.state("VI_1"), master::log);
        assertFalse(segment.holds(bare, VIP), "the instance that cannot send took the VIP");
        assertTrue(daemon.log().contains("INIT -> FAULT (" + CAUSE + ")"), daemon::log);
        CommandResult status = segment.lab().exec(bare, segment.tree().resolve("bin/ha-admin").toString(),
                "--socket", "/tmp/hk-" + bare.namespace() + ".sock", "status");
        assertTrue(status.succeeded(), status::describe);
        assertTrue(status.stdout().contains("FAULT (" + CAUSE + ")"), status.stdout());
    }
}
