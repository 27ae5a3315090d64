package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.Tshark;

/**
 * A VRRP interface deleted and created again (same name, new ifindex) while hakeeperd runs: while it is
 * absent the instance on it is FAULT; once it is back the daemon sends and hears on the new interface
 * (its sockets were bound to the old one's index), so the pair has exactly one master and the VIP is on
 * one node. VRRPv3, IPv4, 0.1 s.
 */
class InterfaceRecreateIT {

    private static final String VIP = ElectionIT.VIP;
    private static final Duration SETTLE = Duration.ofSeconds(10);

    /** The master's interface: it is FAULT while absent, then preempts back, heard by the backup. */
    @Test
    void theMastersInterfaceRecreatedIsFaultWhileAbsentThenMasterAgain() {
        try (Segment segment = Segment.create("InterfaceRecreateIT-master", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Hakeeperd[] pair = startPair(segment);
            Hakeeperd first = pair[0];
            Hakeeperd second = pair[1];

            segment.lab().deleteInterface(node1);
            first.awaitState("VI_1", "FAULT", SETTLE);
            second.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOn(node2, VIP, SETTLE); // node 1 has no interface to hold it on
            Hakeeperd.sleep(1000);
            assertFault(segment, node1, first);

            segment.lab().recreateInterface(node1);
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            first.awaitState("VI_1", "MASTER", SETTLE);
            second.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node1, VIP, SETTLE);
            Hakeeperd.sleep(1500);
            assertOneMaster(segment, first, second, node1, node2);

            assertAdvertsFrom(capture.stop(), node1, 150);
            assertNoException(first);
        }
    }

    /**
     * The backup's interface: it is FAULT while absent; once back it hears the master and stays BACKUP
     * (a deaf daemon would become a second master), and when the master goes its adverts go out.
     */
    @Test
    void theBackupsInterfaceRecreatedIsFaultWhileAbsentThenHearsAndSends() {
        try (Segment segment = Segment.create("InterfaceRecreateIT-backup", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Hakeeperd[] pair = startPair(segment);
            Hakeeperd master = pair[0];
            Hakeeperd backup = pair[1];

            segment.lab().deleteInterface(node2);
            backup.awaitState("VI_1", "FAULT", SETTLE);
            Hakeeperd.sleep(1000);
            assertFault(segment, node2, backup);
            assertEquals("MASTER", master.state("VI_1"), master::log);

            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            segment.lab().recreateInterface(node2);
            backup.awaitState("VI_1", "BACKUP", SETTLE);
            Hakeeperd.sleep(1500);
            assertOneMaster(segment, master, backup, node1, node2);

            master.terminate();
            backup.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(node2, VIP, SETTLE);
            Hakeeperd.sleep(500);
            assertAdvertsFrom(capture.stop(), node2, 100);
            assertNoException(backup);
        }
    }

    /** Valid adverts only, some of them from {@code node}'s recreated interface with its priority. */
    private static void assertAdvertsFrom(Path pcap, LabNode node, int priority) {
        Segment.assertNotEmpty(pcap);
        Segment.assertAdvertsValid(pcap);
        assertTrue(Tshark.count(pcap, "vrrp.prio == " + priority + " && ip.src == " + node.ipv4().getHostAddress())
                > 0, "no advert from the recreated interface of " + node.name());
    }

    /** Node 1's daemon (priority 150) master, then node 2's (priority 100) backup. */
    private static Hakeeperd[] startPair(Segment segment) {
        Hakeeperd master = segment.start(segment.node(1), ElectionIT.instance(150));
        master.awaitState("VI_1", "MASTER", SETTLE);
        Hakeeperd backup = segment.start(segment.node(2), ElectionIT.instance(100));
        backup.awaitState("VI_1", "BACKUP", SETTLE);
        return new Hakeeperd[] {master, backup};
    }

    /**
     * No exception in the log but a plugin's that found the interface gone (clearing VIPs at start or as
     * the master went FAULT, preparing the GARP announcer): the plugins run on their own threads, and may
     * come to the interface after it was deleted.
     */
    private static void assertNoException(Hakeeperd daemon) {
        boolean unexpected = daemon.log().lines().filter(line -> line.contains("Exception"))
                .anyMatch(line -> !line.contains("No such device") && !line.contains("\"eth0\" does not exist"));
        assertFalse(unexpected, daemon::log);
    }

    private static void assertFault(Segment segment, LabNode node, Hakeeperd daemon) {
        assertEquals("FAULT", daemon.state("VI_1"), daemon::log);
        CommandResult status = segment.lab().exec(node, segment.tree().resolve("bin/ha-admin").toString(),
                "--socket", "/tmp/hk-" + node.namespace() + ".sock", "status");
        assertTrue(status.succeeded(), status::describe);
        assertTrue(status.stdout().contains("FAULT"), status.stdout());
    }

    /** Exactly one master (the priority-150 node 1), the other hearing it, and the VIP on node 1 only. */
    private static void assertOneMaster(Segment segment, Hakeeperd first, Hakeeperd second, LabNode node1,
                                        LabNode node2) {
        assertEquals("MASTER", first.state("VI_1"), first::log);
        assertEquals("BACKUP", second.state("VI_1"), second::log);
        assertTrue(segment.holds(node1, VIP), "the master lost the VIP");
        assertFalse(segment.holds(node2, VIP), "the backup holds the VIP too");
    }
}
