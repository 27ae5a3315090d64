package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;

/**
 * The master's own interface going down puts its instance in FAULT (VIPs released) and the backup takes
 * over; coming back up returns it to BACKUP, or to MASTER when it preempts. VRRPv3, IPv4, 0.1 s.
 */
class LinkFaultIT {

    private static final String VIP = ElectionIT.VIP;
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void masterLinkDownIsFaultAndTakeoverAndLinkUpPreemptsBack() {
        linkDownAndUp(false, "MASTER");
    }

    @Test
    void masterLinkDownIsFaultAndTakeoverAndLinkUpWithNopreemptIsBackup() {
        linkDownAndUp(true, "BACKUP");
    }

    private static void linkDownAndUp(boolean nopreempt, String stateAfterLinkUp) {
        try (Segment segment = Segment.create("LinkFaultIT-" + (nopreempt ? "nopreempt" : "preempt"), 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Hakeeperd master = segment.start(node1, FailoverIT.instance(120, nopreempt));
            master.awaitState("VI_1", "MASTER", SETTLE);
            Hakeeperd backup = segment.start(node2, FailoverIT.instance(110, nopreempt));
            backup.awaitState("VI_1", "BACKUP", SETTLE);

            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            segment.lab().linkDown(node1);
            master.awaitState("VI_1", "FAULT", SETTLE);
            backup.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(node2, VIP, SETTLE);
            segment.assertClientReaches(VIP);

            segment.lab().linkUp(node1);
            master.awaitState("VI_1", stateAfterLinkUp, SETTLE);
            if (stateAfterLinkUp.equals("MASTER")) {
                backup.awaitState("VI_1", "BACKUP", SETTLE);
                segment.awaitVipOnlyOn(node1, VIP, SETTLE);
            } else {
                Hakeeperd.sleep(1000);
                backup.awaitState("VI_1", "MASTER", Duration.ZERO);
                segment.awaitVipOnlyOn(node2, VIP, Duration.ZERO);
            }
            segment.assertClientReaches(VIP);
            Path pcap = capture.stop();
            Segment.assertNotEmpty(pcap);
            Segment.assertAdvertsValid(pcap);
            assertFalse(master.log().contains("Exception"), master::log);
        }
    }
}
