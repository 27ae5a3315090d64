package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.PreparedCrash;
import io.hakeeper.engine.lab.Tshark;

/**
 * hakeeperd and Debian's keepalived as the two routers of the same virtual routers, on one segment, in each
 * wire variant that matters: VRRPv2 multicast with PASS, VRRPv2 with AH, VRRPv3 over IPv4 multicast at
 * 0.1 s, VRRPv3 unicast, VRRPv3 over IPv6.
 *
 * <p>Both routers run two instances, one in each orientation: {@value #HK_HIGH} (VRID {@value #VRID_A}),
 * where hakeeper has the higher priority, and {@value #KA_HIGH} (VRID {@value #VRID_B}), where keepalived
 * has. So every step is seen from both sides at once: the higher priority wins whichever implementation
 * holds it; 30 s of steady state show no transition; a graceful stop (priority 0) of either master is taken
 * over by the other within Skew_Time + 100 ms and a crash (link down, then SIGKILL) within
 * Master_Down_Interval + 100 ms, both measured on the switch's capture from the event to the successor's
 * first advert; the restarted router preempts back; and, with authentication, a wrong password makes each
 * side drop the other's adverts, so that both become master.
 */
class KeepalivedInteropIT {

    static final String HK_HIGH = "VI_A";
    static final String KA_HIGH = "VI_B";
    static final int VRID_A = 71;
    static final int VRID_B = 72;
    static final int HIGH = 150;
    static final int LOW = 100;
    static final String PASSWORD = "s3cret";

    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration STEADY = Duration.ofSeconds(30);
    /** Adverts (AH carries them as its payload), ARP and neighbour discovery. */
    private static final String CAPTURE_FILTER = "ip proto 112 or ip proto 51 or ip6 proto 112 or arp or icmp6";

    /** One wire variant, and the two configurations that speak it. */
    enum Variant {
        V2_PASS(2, "1", "PASS", false, false),
        V2_AH(2, "1", "AH", false, false),
        V3_IPV4(3, "0.1", null, false, false),
        V3_UNICAST(3, "0.1", null, true, false),
        V3_IPV6(3, "0.1", null, false, true);

        final int version;
        final String advertInt;
        final String authType;
        final boolean unicast;
        final boolean ipv6;

        Variant(int version, String advertInt, String authType, boolean unicast, boolean ipv6) {
            this.version = version;
            this.advertInt = advertInt;
            this.authType = authType;
            this.unicast = unicast;
            this.ipv6 = ipv6;
        }

        double intervalSeconds() {
            return Double.parseDouble(advertInt);
        }

        /** The address the client pings to reach the instance's master. */
        String vip(int vrid) {
            return ipv6 ? "2001:db8::" + vrid : "192.0.2." + vrid;
        }

        /** The instance's virtual addresses, with prefix (IPv6: the link-local one first, as RFC 5798 asks). */
        List<String> vipsWithPrefix(int vrid) {
            return ipv6 ? List.of("fe80::" + vrid + ":1/64", vip(vrid) + "/64") : List.of(vip(vrid) + "/24");
        }

        String peerAddress(LabNode peer) {
            return (ipv6 ? peer.ipv6() : peer.ipv4()).getHostAddress();
        }

        /** hakeeperd's instances: {@value #HK_HIGH} at {@value #HIGH}, {@value #KA_HIGH} at {@value #LOW}. */
        String hakeeper(LabNode peer, String password) {
            return hakeeperInstance(HK_HIGH, VRID_A, HIGH, peer, password)
                    + "\n" + hakeeperInstance(KA_HIGH, VRID_B, LOW, peer, password);
        }

        private String hakeeperInstance(String name, int vrid, int priority, LabNode peer, String password) {
            StringBuilder toml = new StringBuilder("""
                    [vrrp_instance.%s]
                    interface = "eth0"
                    version = %d
                    virtual_router_id = %d
                    priority = %d
                    advert_int = %s
                    """.formatted(name, version, vrid, priority, advertInt));
            if (authType != null) {
                toml.append("authentication = { auth_type = \"%s\", auth_pass = \"%s\" }\n".formatted(authType, password));
            }
            if (unicast) {
                toml.append("unicast_peer = [\"%s\"]\n".formatted(peerAddress(peer)));
            }
            toml.append("virtual_ipaddress = [").append(String.join(", ",
                    vipsWithPrefix(vrid).stream().map(v -> '"' + v + '"').toList())).append("]\n");
            return toml.toString();
        }

        /** keepalived's instances, the other way round: {@value #HK_HIGH} at {@value #LOW}, {@value #KA_HIGH} at {@value #HIGH}. */
        String keepalived(LabNode peer, String password) {
            return """
                    global_defs {
                        router_id keepalived
                        vrrp_garp_master_delay 0
                    }
                    """ + keepalivedInstance(HK_HIGH, VRID_A, LOW, peer, password)
                    + keepalivedInstance(KA_HIGH, VRID_B, HIGH, peer, password);
        }

        private String keepalivedInstance(String name, int vrid, int priority, LabNode peer, String password) {
            // the usual keepalived.conf: the intended master says state MASTER, except with AH, which
            // keepalived refuses to start as master ("Initial state master is incompatible with AH")
            String state = priority == HIGH && !"AH".equals(authType) ? "MASTER" : "BACKUP";
            StringBuilder conf = new StringBuilder("""
                    vrrp_instance %s {
                        state %s
                        interface eth0
                        version %d
                        virtual_router_id %d
                        priority %d
                        advert_int %s
                    """.formatted(name, state, version, vrid, priority, advertInt));
            if (authType != null) {
                conf.append("""
                            authentication {
                                auth_type %s
                                auth_pass %s
                            }
                        """.formatted(authType, password));
            }
            if (unicast) {
                conf.append("    unicast_peer {\n        %s\n    }\n".formatted(peerAddress(peer)));
            }
            conf.append("    virtual_ipaddress {\n");
            vipsWithPrefix(vrid).forEach(v -> conf.append("        ").append(v).append('\n'));
            conf.append("    }\n}\n");
            return conf.toString();
        }

        /** What keepalived logs when it drops an advert sealed with another password. */
        String keepalivedAuthFailure() {
            return "AH".equals(authType) ? "IPSEC-AH : invalid IPSEC HMAC-MD5 value" : "received an invalid passwd!";
        }

        String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void hakeeperAndKeepalivedFormOneVirtualRouter(Variant variant) {
        try (Segment segment = Segment.create("KeepalivedInteropIT-" + variant.slug(), 2)) {
            LabNode hkNode = segment.node(1);
            LabNode kaNode = segment.node(2);
            Supplier<LabRouter> startHakeeper = () -> segment.start(hkNode, variant.hakeeper(kaNode, PASSWORD));
            Supplier<LabRouter> startKeepalived = () -> segment.startKeepalived(kaNode, variant.keepalived(hkNode, PASSWORD));

            // the JVM takes seconds to start, keepalived milliseconds: hakeeper first, so that neither
            // router's start-up is mistaken for the other's election
            LabRouter hk = startHakeeper.get();
            hk.awaitState(HK_HIGH, "MASTER", SETTLE);
            LabRouter ka = startKeepalived.get();
            awaitElected(segment, variant, hk, ka);
            steadyState(segment, variant, hk, ka);

            takeover(segment, variant, hk, ka, HK_HIGH, false);
            hk = startHakeeper.get();
            awaitPreemptedBack(segment, variant, hk, ka, HK_HIGH);
            takeover(segment, variant, ka, hk, KA_HIGH, false);
            ka = startKeepalived.get();
            awaitPreemptedBack(segment, variant, ka, hk, KA_HIGH);

            takeover(segment, variant, hk, ka, HK_HIGH, true);
            hk = startHakeeper.get();
            awaitPreemptedBack(segment, variant, hk, ka, HK_HIGH);
            takeover(segment, variant, ka, hk, KA_HIGH, true);
            ka = startKeepalived.get();
            awaitPreemptedBack(segment, variant, ka, hk, KA_HIGH);

            if (variant.authType != null) {
                wrongPassword(segment, variant, hk, ka);
            }
        }
    }

    /** Each router is master of the instance where its priority is higher, backup of the other. */
    private static void awaitElected(Segment segment, Variant variant, LabRouter hk, LabRouter ka) {
        hk.awaitState(HK_HIGH, "MASTER", SETTLE);
        ka.awaitState(HK_HIGH, "BACKUP", SETTLE);
        ka.awaitState(KA_HIGH, "MASTER", SETTLE);
        hk.awaitState(KA_HIGH, "BACKUP", SETTLE);
        segment.awaitVipOnlyOn(hk.node(), variant.vip(VRID_A), SETTLE);
        segment.awaitVipOnlyOn(ka.node(), variant.vip(VRID_B), SETTLE);
        segment.assertClientReaches(variant.vip(VRID_A));
        segment.assertClientReaches(variant.vip(VRID_B));
    }

    /** 30 s in which nothing changes: no transition on either side, adverts only from the masters, and on time. */
    private static void steadyState(Segment segment, Variant variant, LabRouter hk, LabRouter ka) {
        int hkBefore = hk.transitions();
        int kaBefore = ka.transitions();
        Capture capture = segment.lab().captureSwitch(CAPTURE_FILTER);
        Hakeeperd.sleep(STEADY.toMillis());
        Path pcap = capture.stop();
        assertEquals(hkBefore, hk.transitions(), () -> "hakeeper changed state in the steady state\n" + segment.logs());
        assertEquals(kaBefore, ka.transitions(), () -> "keepalived changed state in the steady state\n" + segment.logs());

        Segment.assertNotEmpty(pcap);
        Segment.assertAdvertsValid(pcap);
        assertEquals(0, Tshark.count(pcap, adverts(VRID_A, ka.node())), "keepalived, backup of " + HK_HIGH + ", advertised it: " + pcap);
        assertEquals(0, Tshark.count(pcap, adverts(VRID_B, hk.node())), "hakeeper, backup of " + KA_HIGH + ", advertised it: " + pcap);
        long expected = Math.round(STEADY.toMillis() / 1000.0 / variant.intervalSeconds());
        for (LabRouter master : List.of(hk, ka)) {
            int vrid = master == hk ? VRID_A : VRID_B;
            List<BigDecimal> times = Segment.times(pcap, adverts(vrid, master.node()) + " && vrrp.prio == " + HIGH);
            assertTrue(times.size() >= expected * 9 / 10,
                    master + " sent " + times.size() + " adverts in " + STEADY + ", expected about " + expected + ": " + pcap);
            double largestGap = 0;
            for (int i = 1; i < times.size(); i++) {
                largestGap = Math.max(largestGap, times.get(i).subtract(times.get(i - 1)).doubleValue() * 1000);
            }
            double span = times.get(times.size() - 1).subtract(times.get(0)).doubleValue();
            System.out.printf("INTEROP %s steady state: %s sent %d adverts over %.1f s, largest gap %.1f ms (interval %s s)%n",
                    variant, master, times.size(), span, largestGap, variant.advertInt);
        }
    }

    /**
     * The master of {@code instance} stops (gracefully: SIGTERM, which sends priority 0; or crashes: its link
     * goes down, then everything in its node is killed) and the other router takes over in the RFC's time.
     */
    private static void takeover(Segment segment, Variant variant, LabRouter master, LabRouter successor,
                                 String instance, boolean crash) {
        int vrid = instance.equals(HK_HIGH) ? VRID_A : VRID_B;
        Capture capture = segment.lab().captureSwitch(CAPTURE_FILTER);
        Instant event;
        if (crash) {
            try (PreparedCrash prepared = PreparedCrash.prepare(master.node(),
                    segment.lab().workDir().resolve(master.node().name() + "-crash-ip.out"))) {
                event = prepared.pull();
            }
        } else {
            event = Instant.now();
            master.terminate();
        }
        successor.awaitState(instance, "MASTER", SETTLE);
        if (crash) {
            master.awaitExit(Duration.ofSeconds(5));
        } else {
            assertEquals(0, master.awaitExit(Duration.ofSeconds(5)), master::log);
        }
        segment.awaitVipOn(successor.node(), variant.vip(vrid), SETTLE);
        segment.assertClientReaches(variant.vip(vrid));
        Path pcap = capture.stop();

        Segment.assertNotEmpty(pcap);
        Segment.assertAdvertsValid(pcap);
        double measured = Segment.millisToFirst(pcap, adverts(vrid, successor.node()) + " && vrrp.prio == " + LOW, event);
        double limit = (crash ? Timing.masterDownMillis(LOW, variant.intervalSeconds())
                : Timing.skewMillis(LOW, variant.intervalSeconds())) + 100;
        Timing.report("interop %s, %s %s -> first advert of %s".formatted(variant, master,
                crash ? "crashed (link down + SIGKILL)" : "stopped (SIGTERM)", successor), measured, limit);
        assertTrue(measured <= limit, successor + " took over after " + measured + " ms, limit " + limit + "\n" + segment.logs());
        if (!crash) {
            assertTrue(Tshark.count(pcap, adverts(vrid, master.node()) + " && vrrp.prio == 0") >= 1,
                    master + " said no goodbye (priority 0) on the wire: " + pcap);
        } else {
            segment.lab().linkUp(master.node());
        }
    }

    /** The restarted router, the higher priority of {@code instance}, takes it back from the lower. */
    private static void awaitPreemptedBack(Segment segment, Variant variant, LabRouter restarted, LabRouter other,
                                           String instance) {
        int vrid = instance.equals(HK_HIGH) ? VRID_A : VRID_B;
        String otherInstance = instance.equals(HK_HIGH) ? KA_HIGH : HK_HIGH;
        restarted.awaitState(instance, "MASTER", SETTLE);
        other.awaitState(instance, "BACKUP", SETTLE);
        restarted.awaitState(otherInstance, "BACKUP", SETTLE);
        assertEquals("MASTER", other.state(otherInstance), () -> other + " lost " + otherInstance + "\n" + segment.logs());
        segment.awaitVipOnlyOn(restarted.node(), variant.vip(vrid), SETTLE);
        segment.assertClientReaches(variant.vip(vrid));
    }

    /**
     * keepalived restarts with another password: each side drops the other's adverts as failing
     * authentication, and each becomes master of both instances.
     */
    private static void wrongPassword(Segment segment, Variant variant, LabRouter hk, LabRouter ka) {
        int hkFailuresBefore = occurrences(hk.log(), "dropped advert: authentication failed");
        ka.terminate();
        ka.awaitExit(Duration.ofSeconds(5));
        LabRouter stranger = segment.startKeepalived(ka.node(), variant.keepalived(hk.node(), "0ther"));
        for (String instance : List.of(HK_HIGH, KA_HIGH)) {
            hk.awaitState(instance, "MASTER", SETTLE);
            stranger.awaitState(instance, "MASTER", SETTLE);
        }
        // three more Master_Down_Intervals: had either side accepted the other's adverts, one would yield
        Hakeeperd.sleep(Math.round(3 * Timing.masterDownMillis(HIGH, variant.intervalSeconds())));
        for (String instance : List.of(HK_HIGH, KA_HIGH)) {
            assertEquals("MASTER", hk.state(instance), segment::logs);
            assertEquals("MASTER", stranger.state(instance), segment::logs);
        }
        assertTrue(occurrences(hk.log(), "dropped advert: authentication failed") > hkFailuresBefore,
                () -> "hakeeper logged no authentication failure\n" + segment.logs());
        assertTrue(stranger.log().contains(variant.keepalivedAuthFailure()),
                () -> "keepalived logged no '" + variant.keepalivedAuthFailure() + "'\n" + segment.logs());
    }

    /** tshark's filter for the adverts of one VRID sent by one node (IPv4 or IPv6, with or without AH). */
    private static String adverts(int vrid, LabNode sender) {
        return "vrrp && vrrp.virt_rtr_id == " + vrid + " && eth.src == " + sender.mac();
    }

    private static int occurrences(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }
}
