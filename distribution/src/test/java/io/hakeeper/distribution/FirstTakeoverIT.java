package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.Tshark;

/**
 * A daemon's first takeover runs no code for the first time on its way to the gratuitous ARP: the VIP
 * backend's add, the announcement and the threads between them were loaded and linked when the daemon
 * started (a rehearsal that adds nothing and sends nothing). Before, the first takeover loaded and linked
 * them between its first advert and its first gratuitous ARP, 10-20 ms more than later takeovers.
 *
 * <p>Not a timing test: the JVM logs every class it loads ({@code -Xlog:class+load}) into the daemon's
 * output, and the classes logged after the master crashed are what the takeover loaded. Those of the VIP
 * and announcement path (the engine's daemon package, the plugins, and the classes the JVM spins to link a
 * lambda) must be none, with the default VIP backend.
 */
class FirstTakeoverIT {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String VIP = ElectionIT.VIP;

    @Test
    void theFirstTakeoverLoadsNoClassOfTheVipAndAnnouncementPath() {
        try (Segment segment = Segment.create("FirstTakeoverIT", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Hakeeperd master = segment.start(node1, ElectionIT.instance(200));
            master.awaitState("VI_1", "MASTER", SETTLE);
            Hakeeperd backup = segment.startWithJavaOptions(node2, "-Xlog:class+load=info:stderr",
                    ElectionIT.instance(100));
            backup.awaitState("VI_1", "BACKUP", SETTLE);
            // the start-up rehearsal runs on the plugins' threads beside the elections: seconds are plenty
            Hakeeperd.sleep(2_000);
            assertEquals(1, backup.transitions(), "the backup must never have been master: " + backup.log());

            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            long before = size(backup.process().output());
            segment.lab().linkDown(node1);
            master.kill();
            backup.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOn(node2, VIP, SETTLE);
            awaitGarp(capture, node2);
            Path pcap = capture.stop();

            String garps = "arp.src.proto_ipv4 == " + VIP + " && eth.src == " + node2.mac();
            assertTrue(Tshark.count(pcap, garps) > 0, "no gratuitous ARP of node2 in " + pcap);
            List<String> loaded = backup.log().substring((int) before).lines()
                    .filter(line -> line.contains("[class,load]"))
                    .filter(FirstTakeoverIT::onTheVipAndAnnouncementPath).toList();
            assertEquals(List.of(), loaded, "classes the first takeover loaded on its way to the GARP");
        }
    }

    private static boolean onTheVipAndAnnouncementPath(String classLoad) {
        return classLoad.contains(" io.hakeeper.engine.daemon.") || classLoad.contains(" io.hakeeper.plugin.")
                || classLoad.contains("$$Lambda") || classLoad.contains("LambdaForm$");
    }

    /** The capture is written as frames arrive: wait until node2's first GARP is in it. */
    static void awaitGarp(Capture capture, LabNode node) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String filter = "arp.src.proto_ipv4 == " + VIP + " && eth.src == " + node.mac();
        while (Tshark.count(capture.file(), filter) == 0) {
            assertTrue(System.nanoTime() < deadline, "no gratuitous ARP of " + node.name() + " within " + SETTLE);
            Hakeeperd.sleep(50);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
