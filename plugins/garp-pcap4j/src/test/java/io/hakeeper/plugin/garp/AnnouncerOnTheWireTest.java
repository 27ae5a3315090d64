package io.hakeeper.plugin.garp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The announcer on a real wire: two network namespaces of its own joined by a veth pair, never the
 * host's interfaces. The announcer runs in namespace A ({@link AnnounceOnce} under {@code ip netns exec},
 * since libpcap opens a device in the caller's namespace); namespace B captures with tcpdump, tshark
 * decodes, and B's kernel shows what it made of the frames: its neighbour entries for the VIPs, set to
 * another MAC first as an old master would have left them, must now carry A's MAC.
 */
class AnnouncerOnTheWireTest {

    private static final String A = "hkg-a-" + ProcessHandle.current().pid();
    private static final String B = "hkg-b-" + ProcessHandle.current().pid();
    private static final String A_MAC = "02:00:00:00:0a:01";
    private static final String OLD_MASTER_MAC = "02:00:00:00:0b:99";
    private static final String VIP4 = "192.0.2.100";
    private static final String VIP4_OTHER = "192.0.2.101";
    private static final String VIP6 = "2001:db8::100";

    @TempDir
    Path dir;

    @BeforeAll
    static void twoNamespacesOnAVethPair() throws Exception {
        Needs.root();
        for (String tool : List.of("ip", "tcpdump", "tshark")) {
            Needs.tool(tool);
        }
        run("ip", "netns", "add", A);
        run("ip", "netns", "add", B);
        run("ip", "-n", A, "link", "add", "va", "address", A_MAC, "type", "veth", "peer", "name", "vb", "netns", B);
        run("ip", "-n", A, "addr", "add", "192.0.2.1/24", "dev", "va");
        run("ip", "-n", A, "addr", "add", "2001:db8::1/64", "dev", "va", "nodad");
        run("ip", "-n", B, "addr", "add", "192.0.2.2/24", "dev", "vb");
        run("ip", "-n", B, "addr", "add", "2001:db8::2/64", "dev", "vb", "nodad");
        for (String[] link : new String[][] {{A, "va"}, {B, "vb"}, {A, "lo"}, {B, "lo"}}) {
            run("ip", "-n", link[0], "link", "set", link[1], "up");
        }
    }

    @AfterAll
    static void removeNamespaces() throws Exception {
        for (String namespace : List.of(A, B)) {
            new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true).start().waitFor();
        }
    }

    @Test
    void gratuitousArpIsKeepalivedsRequestForTheVipAndMovesThePeersEntry() throws Exception {
        run("ip", "-n", B, "neigh", "replace", VIP4, "lladdr", OLD_MASTER_MAC, "dev", "vb", "nud", "stale");

        Path capture = capture(() -> announce(1, VIP4));

        List<String> arp = decode(capture, "arp", "arp.opcode", "eth.src", "eth.dst", "arp.src.hw_mac",
                "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4", "frame.len");
        assertEquals(List.of(String.join("\t", "1", A_MAC, "ff:ff:ff:ff:ff:ff", A_MAC, VIP4,
                "ff:ff:ff:ff:ff:ff", VIP4, "42")), arp, "one ARP request for the VIP from the VIP, to broadcast");
        assertTrue(neighbour(VIP4).contains("lladdr " + A_MAC), "B's entry for the VIP: " + neighbour(VIP4));
    }

    @Test
    void unsolicitedAdvertIsKeepalivedsAndMovesThePeersEntry() throws Exception {
        run("ip", "-n", B, "neigh", "replace", VIP6, "lladdr", OLD_MASTER_MAC, "dev", "vb", "nud", "stale");

        Path capture = capture(() -> announce(1, VIP6));

        List<String> na = decode(capture, "icmpv6.type == 136", "eth.src", "eth.dst", "ipv6.src", "ipv6.dst",
                "ipv6.hlim", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s", "icmpv6.nd.na.flag.o",
                "icmpv6.nd.na.target_address", "icmpv6.opt.type", "icmpv6.opt.linkaddr", "icmpv6.checksum.status");
        assertEquals(List.of(String.join("\t", A_MAC, "33:33:00:00:00:01", VIP6, "ff02::1", "255",
                "0", "0", "1", VIP6, "2", A_MAC, "1")), na,
                "one NA from the VIP to all nodes: Override, not Solicited, not Router, our MAC, checksum good");
        assertTrue(neighbour(VIP6).contains("lladdr " + A_MAC), "B's entry for the VIP: " + neighbour(VIP6));
    }

    @Test
    void routerFlagFollowsTheInterfacesIpv6Forwarding() throws Exception {
        run("ip", "netns", "exec", A, "sysctl", "-qw", "net.ipv6.conf.va.forwarding=1");
        try {
            Path capture = capture(() -> announce(1, VIP6));

            List<String> flags = decode(capture, "icmpv6.type == 136", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.o");
            assertEquals(List.of("1\t1"), flags);
        } finally {
            run("ip", "netns", "exec", A, "sysctl", "-qw", "net.ipv6.conf.va.forwarding=0");
        }
    }

    @Test
    void everyCallSendsOneFramePerAddress() throws Exception {
        Path capture = capture(() -> announce(3, VIP4, VIP4_OTHER, VIP6));

        List<String> arp = decode(capture, "arp", "arp.dst.proto_ipv4");
        List<String> na = decode(capture, "icmpv6.type == 136 && ipv6.src == " + VIP6, "icmpv6.nd.na.target_address");
        assertEquals(List.of(VIP4, VIP4_OTHER, VIP4, VIP4_OTHER, VIP4, VIP4_OTHER), arp);
        assertEquals(List.of(VIP6, VIP6, VIP6), na);
    }

    @Test
    void anInterfaceThatIsNotThereIsNamedInTheError() throws Exception {
        Result result = exec(announcerCommand("nosuch0", 1, VIP4));

        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("no interface nosuch0 in this network namespace"), result.output());
    }

    // ---- the lab's few moving parts

    private void announce(int calls, String... addresses) throws Exception {
        Result result = exec(announcerCommand("va", calls, addresses));
        assertEquals(0, result.exit(), "announcer in " + A + ": " + result.output());
    }

    private static List<String> announcerCommand(String interfaceName, int calls, String... addresses) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", A, java,
                "-cp", System.getProperty("java.class.path"), AnnounceOnce.class.getName(),
                interfaceName, Integer.toString(calls)));
        command.addAll(List.of(addresses));
        return command;
    }

    /** Captures on B while {@code action} runs; returns the pcap file, asserted non-empty. */
    private Path capture(ThrowingAction action) throws Exception {
        Path file = dir.resolve("capture.pcap");
        Path log = dir.resolve("tcpdump.log");
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", B, "tcpdump", "-i", "vb", "-n", "-U",
                "--immediate-mode", "-Z", "root", "-w", file.toString(), "arp or icmp6")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(log).contains("listening on")) {
                assertTrue(tcpdump.isAlive() && System.nanoTime() < deadline, "tcpdump not capturing: " + Files.readString(log));
                Thread.sleep(10);
            }
            action.run();
            Thread.sleep(300); // immediate mode: the frames were written within microseconds of arriving
        } finally {
            tcpdump.destroy();
            tcpdump.waitFor(5, TimeUnit.SECONDS);
        }
        assertTrue(Files.size(file) > 24, "empty capture (no packet after the pcap header): " + Files.readString(log));
        return file;
    }

    /** tshark's fields, one line per packet matching {@code filter}, tab-separated; never empty. */
    private static List<String> decode(Path capture, String filter, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-Y", filter, "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        // tshark warns about running as root on stderr; only its standard output is the decode
        Process tshark = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Result result = new Result(tshark.waitFor(), output);
        assertEquals(0, result.exit(), String.join(" ", command) + ": " + result.output());
        List<String> lines = result.output().lines().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), "no packet matches " + filter + " in " + capture);
        return lines;
    }

    private static String neighbour(String address) throws Exception {
        return run("ip", "-n", B, "neigh", "show", address, "dev", "vb");
    }

    private static String run(String... command) throws Exception {
        Result result = exec(List.of(command));
        assertEquals(0, result.exit(), String.join(" ", command) + ": " + result.output());
        return result.output();
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private record Result(int exit, String output) {
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }
}
