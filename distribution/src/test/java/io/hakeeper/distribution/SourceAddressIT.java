package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.hakeeper.distribution.KeepalivedInteropIT.Variant;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.Tshark;

/**
 * Adverts sent from a configured source that the kernel would not choose: {@code mcast_src_ip} (and, for
 * unicast, {@code unicast_src_ip}) is a secondary address of the interface, a second link-local address, or
 * a global IPv6 address (keepalived accepts either for IPv6). The source is part of what the VRRPv3 checksum
 * covers, so an advert checksummed over one address and sent from another is dropped by every peer, and
 * both routers become master.
 *
 * <p>Two routers (node1 hakeeperd; node2 hakeeperd or keepalived 2.2.7) run one pair of instances per wire
 * variant, one where each router has the higher priority. After the election, a capture on the switch must
 * show every advert of each virtual router coming from its master alone, from the configured source, with a
 * checksum tshark accepts; and nobody changes state while it runs. node1 also runs an instance whose
 * mcast_src_ip no host has: it must say so when it starts, and none of its adverts may leave from another
 * address.
 */
class SourceAddressIT {

    private static final int HIGH = 150;
    private static final int LOW = 100;
    private static final Duration SETTLE = Duration.ofSeconds(20);
    /** Longer than VRRPv2's Master_Down_Interval at 1 s: a backup that dropped every advert would take over in it. */
    private static final Duration STEADY = Duration.ofSeconds(4);
    private static final String ADVERTS = "ip proto 112 or ip proto 51 or ip6 proto 112";
    /** An instance of node1 alone whose mcast_src_ip no host has: it is said at start, and nothing leaves. */
    private static final String FOREIGN = "FOREIGN";
    private static final int FOREIGN_VRID = 60;
    private static final String FOREIGN_SOURCE = "192.0.2.99";

    /** The router beside hakeeperd on node1. */
    enum Peer {
        HAKEEPER, KEEPALIVED
    }

    /** One way adverts travel (the interop test's variants, but for IPv6 two), and the configured source. */
    enum Wire {
        V3_IPV4(Variant.V3_IPV4, Source.IPV4_SECONDARY),
        V2_PASS(Variant.V2_PASS, Source.IPV4_SECONDARY),
        V2_AH(Variant.V2_AH, Source.IPV4_SECONDARY),
        V3_UNICAST(Variant.V3_UNICAST, Source.IPV4_SECONDARY),
        V3_IPV6_LINK_LOCAL(Variant.V3_IPV6, Source.IPV6_LINK_LOCAL),
        V3_IPV6_GLOBAL(Variant.V3_IPV6, Source.IPV6_GLOBAL);

        final Variant variant;
        final Source source;

        Wire(Variant variant, Source source) {
            this.variant = variant;
            this.source = source;
        }

        /** node1 is master of VRID A, node2 of VRID B. */
        int vrid(boolean nodeOneHigh) {
            return (nodeOneHigh ? 20 : 40) + ordinal();
        }

        String instance(boolean nodeOneHigh) {
            return name() + (nodeOneHigh ? "_A" : "_B");
        }
    }

    /** The address each node adds to its interface for its adverts to come from: never the kernel's pick. */
    enum Source {
        /** In the interface's own subnet, so the kernel marks it secondary and never sends from it by itself. */
        IPV4_SECONDARY(false, "192.0.2.3%d/24", ""),
        /** A second link-local address beside the kernel's EUI-64 one. */
        IPV6_LINK_LOCAL(true, "fe80::1:%d/64", "nodad"),
        /** A global address: RFC 5798 asks for link-local, keepalived sends from whatever it is given. */
        IPV6_GLOBAL(true, "2001:db8::1:%d/64", "nodad");

        final boolean ipv6;
        final String pattern;
        final String flag;

        Source(boolean ipv6, String pattern, String flag) {
            this.ipv6 = ipv6;
            this.pattern = pattern;
            this.flag = flag;
        }

        String withPrefix(int nodeNumber) {
            return pattern.formatted(nodeNumber);
        }

        String address(int nodeNumber) {
            String withPrefix = withPrefix(nodeNumber);
            return withPrefix.substring(0, withPrefix.indexOf('/'));
        }
    }

    /** One lab for both peers: its namespaces and the source addresses outlive each case's routers. */
    private static Segment segment;

    @BeforeAll
    static void buildLab() {
        segment = Segment.create("SourceAddressIT", 2);
        for (int number = 1; number <= 2; number++) {
            addSourceAddresses(segment, number);
        }
    }

    @AfterAll
    static void removeLab() {
        if (segment != null) {
            segment.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void advertsLeaveFromTheConfiguredSourceWithAGoodChecksumAndOneMasterIsElected(Peer peer) {
        LabRouter one = segment.start(segment.node(1), hakeeper(1));
        LabRouter two = peer == Peer.HAKEEPER ? segment.start(segment.node(2), hakeeper(2))
                : segment.startKeepalived(segment.node(2), keepalived(2));
        try {
            List<String> problems = new ArrayList<>(awaitElected(one, two));
            int oneBefore = one.transitions();
            int twoBefore = two.transitions();
            Capture capture = segment.lab().captureSwitch(ADVERTS);
            Hakeeperd.sleep(STEADY.toMillis());
            Path pcap = capture.stop();
            if (one.transitions() != oneBefore || two.transitions() != twoBefore) {
                problems.add("state changes while the capture ran: " + (one.transitions() - oneBefore) + " by " + one
                        + ", " + (two.transitions() - twoBefore) + " by " + two);
            }
            List<Advert> adverts = Advert.read(pcap);
            for (Wire wire : Wire.values()) {
                problems.addAll(advertProblems(adverts, wire, segment.node(1), 1, wire.vrid(true)));
                problems.addAll(advertProblems(adverts, wire, segment.node(2), 2, wire.vrid(false)));
            }
            List<String> foreign = adverts.stream().filter(advert -> advert.vrid() == FOREIGN_VRID).map(Advert::sender)
                    .distinct().toList();
            if (!foreign.isEmpty()) {
                problems.add(FOREIGN + " VRID " + FOREIGN_VRID + ": adverts left from (MAC source) " + foreign
                        + ", though no host has " + FOREIGN_SOURCE);
            }
            String said = "mcast_src_ip " + FOREIGN_SOURCE + " is not an address of eth0";
            if (!one.log().contains(said)) {
                problems.add(one + " did not say '" + said + "'");
            }
            for (LabRouter router : peer == Peer.HAKEEPER ? List.of(one, two) : List.of(one)) {
                List<String> wronglySaid = router.log().lines().filter(line -> line.contains("is not an address of"))
                        .filter(line -> !line.contains(said)).toList();
                if (!wronglySaid.isEmpty()) {
                    problems.add(router + " called a source of its interface foreign: " + wronglySaid);
                }
            }
            assertEquals(List.of(), problems, () -> "capture " + pcap + "\n" + segment.logs());
        } finally {
            // the next case starts on a quiet segment, its VIPs removed by the routers' own shutdown
            for (LabRouter router : List.of(one, two)) {
                router.terminate();
                router.awaitExit(Duration.ofSeconds(10));
            }
        }
    }

    /** One advert of the capture as tshark decodes it (one tshark run for them all: each run takes a while). */
    record Advert(int vrid, String mac, String source, boolean checksumGood) {

        static List<Advert> read(Path pcap) {
            List<Advert> adverts = new ArrayList<>();
            for (String line : Tshark.fields(pcap, "vrrp", List.of("vrrp.virt_rtr_id", "eth.src", "ip.src", "ipv6.src",
                    "vrrp.checksum.status"))) {
                String[] fields = line.split("\t", -1);
                // tshark's vrrp.checksum.status: 1 good, 0 bad, 2 not verified
                adverts.add(new Advert(Integer.parseInt(fields[0].trim()), fields[1],
                        fields[2].isEmpty() ? fields[3] : fields[2], fields[4].trim().equals("1")));
            }
            return adverts;
        }

        String sender() {
            return mac + " " + source;
        }
    }

    /**
     * Waits until node1 is master of every VRID A and backup of every VRID B, node2 the other way round;
     * returns the instances not there by the deadline, all of them, so that one run names every broken variant.
     */
    private static List<String> awaitElected(LabRouter one, LabRouter two) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            List<String> wrong = new ArrayList<>();
            for (Wire wire : Wire.values()) {
                for (boolean nodeOneHigh : new boolean[] {true, false}) {
                    String instance = wire.instance(nodeOneHigh);
                    expectState(wrong, one, instance, nodeOneHigh ? "MASTER" : "BACKUP");
                    expectState(wrong, two, instance, nodeOneHigh ? "BACKUP" : "MASTER");
                }
            }
            if (wrong.isEmpty() || System.nanoTime() > deadline) {
                return wrong;
            }
            Hakeeperd.sleep(20);
        }
    }

    private static void expectState(List<String> wrong, LabRouter router, String instance, String expected) {
        String state = router.state(instance);
        if (!state.equals(expected)) {
            wrong.add(router + ": " + instance + " is " + state + ", not " + expected + " after " + SETTLE);
        }
    }

    private static void addSourceAddresses(Segment segment, int number) {
        LabNode node = segment.node(number);
        for (Source source : Source.values()) {
            List<String> argv = new ArrayList<>(List.of("ip", source.ipv6 ? "-6" : "-4", "addr", "add",
                    source.withPrefix(number), "dev", node.interfaceName()));
            if (!source.flag.isEmpty()) {
                argv.add(source.flag); // usable at once, not after duplicate address detection
            }
            CommandResult added = segment.lab().exec(node, argv.toArray(String[]::new));
            assertEquals(0, added.exitCode(), added::describe);
        }
    }

    /**
     * What is wrong with the adverts of {@code vrid} in the capture: any not from its master's MAC and
     * configured source, any whose checksum tshark rejects, too few of them.
     */
    private static List<String> advertProblems(List<Advert> all, Wire wire, LabNode master, int number, int vrid) {
        String what = wire + " VRID " + vrid + ": ";
        List<String> problems = new ArrayList<>();
        List<Advert> adverts = all.stream().filter(advert -> advert.vrid() == vrid).toList();
        long expectedCount = Math.round(STEADY.toMillis() / 1000.0 / wire.variant.intervalSeconds()) * 7 / 10;
        if (adverts.size() < expectedCount) {
            problems.add(what + adverts.size() + " adverts in " + STEADY + ", expected at least " + expectedCount);
        }
        String expected = master.mac().toLowerCase() + " " + wire.source.address(number);
        List<String> others = adverts.stream().map(Advert::sender).filter(sender -> !sender.equals(expected))
                .distinct().toList();
        if (!others.isEmpty()) {
            problems.add(what + "adverts not from " + master.name() + " at " + wire.source.address(number)
                    + " but from (MAC source) " + others);
        }
        long badChecksums = adverts.stream().filter(advert -> !advert.checksumGood()).count();
        if (badChecksums > 0) {
            problems.add(what + badChecksums + " of " + adverts.size() + " adverts with a checksum tshark rejects");
        }
        return problems;
    }

    private static int priority(int number, boolean nodeOneHigh) {
        return (number == 1) == nodeOneHigh ? HIGH : LOW;
    }

    private static String hakeeper(int number) {
        StringBuilder toml = new StringBuilder();
        if (number == 1) {
            toml.append("""
                    [vrrp_instance.%s]
                    interface = "eth0"
                    version = 3
                    virtual_router_id = %d
                    priority = %d
                    advert_int = 0.1
                    mcast_src_ip = "%s"
                    virtual_ipaddress = ["192.0.2.%d/24"]

                    """.formatted(FOREIGN, FOREIGN_VRID, HIGH, FOREIGN_SOURCE, 100 + FOREIGN_VRID));
        }
        for (Wire wire : Wire.values()) {
            for (boolean nodeOneHigh : new boolean[] {true, false}) {
                int vrid = wire.vrid(nodeOneHigh);
                toml.append("""
                        [vrrp_instance.%s]
                        interface = "eth0"
                        version = %d
                        virtual_router_id = %d
                        priority = %d
                        advert_int = %s
                        """.formatted(wire.instance(nodeOneHigh), wire.variant.version, vrid, priority(number, nodeOneHigh),
                        wire.variant.advertInt));
                if (wire.variant.authType != null) {
                    toml.append("authentication = { auth_type = \"%s\", auth_pass = \"s3cret\" }\n".formatted(wire.variant.authType));
                }
                if (wire.variant.unicast) {
                    toml.append("unicast_src_ip = \"%s\"\nunicast_peer = [\"%s\"]\n".formatted(
                            wire.source.address(number), wire.source.address(3 - number)));
                } else {
                    toml.append("mcast_src_ip = \"%s\"\n".formatted(wire.source.address(number)));
                }
                toml.append("virtual_ipaddress = [").append(String.join(", ",
                        wire.variant.vipsWithPrefix(vrid).stream().map(v -> '"' + v + '"').toList())).append("]\n\n");
            }
        }
        return toml.toString();
    }

    private static String keepalived(int number) {
        StringBuilder conf = new StringBuilder("""
                global_defs {
                    router_id keepalived
                    vrrp_garp_master_delay 0
                }
                """);
        for (Wire wire : Wire.values()) {
            for (boolean nodeOneHigh : new boolean[] {true, false}) {
                int vrid = wire.vrid(nodeOneHigh);
                conf.append("""
                        vrrp_instance %s {
                            state BACKUP
                            interface eth0
                            version %d
                            virtual_router_id %d
                            priority %d
                            advert_int %s
                        """.formatted(wire.instance(nodeOneHigh), wire.variant.version, vrid, priority(number, nodeOneHigh),
                        wire.variant.advertInt));
                if (wire.variant.authType != null) {
                    conf.append("    authentication {\n        auth_type %s\n        auth_pass s3cret\n    }\n"
                            .formatted(wire.variant.authType));
                }
                if (wire.variant.unicast) {
                    conf.append("    unicast_src_ip %s\n    unicast_peer {\n        %s\n    }\n".formatted(
                            wire.source.address(number), wire.source.address(3 - number)));
                } else {
                    conf.append("    mcast_src_ip %s\n".formatted(wire.source.address(number)));
                }
                conf.append("    virtual_ipaddress {\n");
                wire.variant.vipsWithPrefix(vrid).forEach(v -> conf.append("        ").append(v).append('\n'));
                conf.append("    }\n}\n");
            }
        }
        return conf.toString();
    }
}
