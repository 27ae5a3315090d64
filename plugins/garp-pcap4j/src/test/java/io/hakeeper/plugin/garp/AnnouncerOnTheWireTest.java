package io.hakeeper.plugin.garp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The announcer on a real wire: two network namespaces of its own joined by a veth pair, never the
 * host's interfaces. Each announcer type runs in namespace A ({@link AnnounceOnce} under {@code ip netns
 * exec}, since a link is opened in the caller's namespace); namespace B captures with tcpdump, tshark
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
        run("ip", "-n", A, "link", "set", "lo", "up");
        run("ip", "-n", B, "link", "set", "lo", "up");
        vethPair();
    }

    /** va in A, vb in B, addressed and up; made again by the test that deletes them. */
    private static void vethPair() throws Exception {
        run("ip", "-n", A, "link", "add", "va", "address", A_MAC, "type", "veth", "peer", "name", "vb", "netns", B);
        run("ip", "-n", A, "addr", "add", "192.0.2.1/24", "dev", "va");
        run("ip", "-n", A, "addr", "add", "2001:db8::1/64", "dev", "va", "nodad");
        run("ip", "-n", B, "addr", "add", "192.0.2.2/24", "dev", "vb");
        run("ip", "-n", B, "addr", "add", "2001:db8::2/64", "dev", "vb", "nodad");
        run("ip", "-n", A, "link", "set", "va", "up");
        run("ip", "-n", B, "link", "set", "vb", "up");
    }

    @AfterAll
    static void removeNamespaces() throws Exception {
        for (String namespace : List.of(A, B)) {
            new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true).start().waitFor();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void gratuitousArpIsKeepalivedsRequestForTheVipAndMovesThePeersEntry(String type) throws Exception {
        run("ip", "-n", B, "neigh", "replace", VIP4, "lladdr", OLD_MASTER_MAC, "dev", "vb", "nud", "stale");

        Path capture = capture(() -> announce(type, 1, VIP4));

        List<String> arp = decode(capture, "arp", "arp.opcode", "eth.src", "eth.dst", "arp.src.hw_mac",
                "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4", "frame.len");
        assertEquals(List.of(String.join("\t", "1", A_MAC, "ff:ff:ff:ff:ff:ff", A_MAC, VIP4,
                "ff:ff:ff:ff:ff:ff", VIP4, "42")), arp, "one ARP request for the VIP from the VIP, to broadcast");
        assertTrue(neighbour(VIP4).contains("lladdr " + A_MAC), "B's entry for the VIP: " + neighbour(VIP4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void unsolicitedAdvertIsKeepalivedsAndMovesThePeersEntry(String type) throws Exception {
        run("ip", "-n", B, "neigh", "replace", VIP6, "lladdr", OLD_MASTER_MAC, "dev", "vb", "nud", "stale");

        Path capture = capture(() -> announce(type, 1, VIP6));

        List<String> na = decode(capture, "icmpv6.type == 136", "eth.src", "eth.dst", "ipv6.src", "ipv6.dst",
                "ipv6.hlim", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s", "icmpv6.nd.na.flag.o",
                "icmpv6.nd.na.target_address", "icmpv6.opt.type", "icmpv6.opt.linkaddr", "icmpv6.checksum.status");
        assertEquals(List.of(String.join("\t", A_MAC, "33:33:00:00:00:01", VIP6, "ff02::1", "255",
                "0", "0", "1", VIP6, "2", A_MAC, "1")), na,
                "one NA from the VIP to all nodes: Override, not Solicited, not Router, our MAC, checksum good");
        assertTrue(neighbour(VIP6).contains("lladdr " + A_MAC), "B's entry for the VIP: " + neighbour(VIP6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void routerFlagFollowsTheInterfacesIpv6Forwarding(String type) throws Exception {
        run("ip", "netns", "exec", A, "sysctl", "-qw", "net.ipv6.conf.va.forwarding=1");
        try {
            Path capture = capture(() -> announce(type, 1, VIP6));

            List<String> flags = decode(capture, "icmpv6.type == 136", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.o");
            assertEquals(List.of("1\t1"), flags);
        } finally {
            run("ip", "netns", "exec", A, "sysctl", "-qw", "net.ipv6.conf.va.forwarding=0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void everyCallSendsOneFramePerAddress(String type) throws Exception {
        Path capture = capture(() -> announce(type, 3, VIP4, VIP4_OTHER, VIP6));

        List<String> arp = decode(capture, "arp", "arp.dst.proto_ipv4");
        List<String> na = decode(capture, "icmpv6.type == 136 && ipv6.src == " + VIP6, "icmpv6.nd.na.target_address");
        assertEquals(List.of(VIP4, VIP4_OTHER, VIP4, VIP4_OTHER, VIP4, VIP4_OTHER), arp);
        assertEquals(List.of(VIP6, VIP6, VIP6), na);
    }

    /** Rehearsals send nothing: of 50 rehearsals and one announcement, one frame per address is on the wire. */
    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void rehearsalsSendNothing(String type) throws Exception {
        Path capture = capture(() -> {
            Result result = exec(announcerCommand(type, "va", "rehearse-50", VIP4, VIP6));
            assertEquals(0, result.exit(), "announcer in " + A + ": " + result.output());
        });

        assertEquals(List.of(VIP4), decode(capture, "arp", "arp.dst.proto_ipv4"));
        assertEquals(List.of(VIP6), decode(capture, "icmpv6.type == 136 && ipv6.src == " + VIP6,
                "icmpv6.nd.na.target_address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void anInterfaceThatIsNotThereIsNamedInTheError(String type) throws Exception {
        Result result = exec(announcerCommand(type, "nosuch0", "1", VIP4));

        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("no interface nosuch0 in this network namespace"), result.output());
    }

    /**
     * The two announcers put the same bytes on the wire: the packet socket's frames, captured, are the
     * pcap handle's, frame for frame, for a gratuitous ARP and an unsolicited NA.
     */
    @Test
    void packetFramesAreByteForBytePcap4jFrames() throws Exception {
        List<byte[]> packet = announcements(capture(() -> announce("packet", 1, VIP4, VIP6)));
        List<byte[]> pcap4j = announcements(capture(() -> announce("pcap4j", 1, VIP4, VIP6)));

        assertEquals(2, packet.size(), "one ARP and one NA from the packet announcer");
        assertEquals(AnnouncementFrames.ARP_FRAME_LENGTH, packet.get(0).length);
        assertEquals(AnnouncementFrames.NA_FRAME_LENGTH, packet.get(1).length);
        assertEquals(HexFormat.of().formatHex(pcap4j.get(0)), HexFormat.of().formatHex(packet.get(0)), "ARP");
        assertEquals(HexFormat.of().formatHex(pcap4j.get(1)), HexFormat.of().formatHex(packet.get(1)), "NA");
        assertEquals(2, pcap4j.size());
    }

    /**
     * The interface deleted and created again (same name, new index) under a running announcer: its next
     * call finds its link stale, opens another on the new interface, and the peer hears it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void aRecreatedInterfaceIsAnnouncedOnAgain(String type) throws Exception {
        withRunningAnnouncer(type, call -> {
            assertEquals(List.of(VIP4), decode(capture(call), "arp", "arp.dst.proto_ipv4"), "before");
            String indexBefore = run("ip", "-n", A, "-o", "link", "show", "va").split(":")[0];

            run("ip", "-n", A, "link", "del", "va"); // its peer vb goes with it
            vethPair();
            assertNotEquals(indexBefore, run("ip", "-n", A, "-o", "link", "show", "va").split(":")[0]);

            assertEquals(List.of(VIP4), decode(capture(call), "arp", "arp.dst.proto_ipv4"),
                    "after the interface was made again");
        });
    }

    /**
     * The MAC set by hand under a running announcer: a call more than a second later sends with the MAC it
     * had (it reads the MAC after sending, not before, to keep a file read off a takeover's first
     * gratuitous ARP), sees the change and sends again with the new one, which is where the peer's entry ends.
     */
    @ParameterizedTest
    @ValueSource(strings = {"packet", "pcap4j"})
    void aChangedMacIsAnnouncedInTheSameCall(String type) throws Exception {
        String newMac = "02:00:00:00:0a:02";
        try {
            withRunningAnnouncer(type, call -> {
                assertEquals(List.of(A_MAC), decode(capture(call), "arp", "arp.src.hw_mac"), "before");
                run("ip", "-n", A, "link", "set", "va", "address", newMac);
                run("ip", "-n", B, "neigh", "replace", VIP4, "lladdr", OLD_MASTER_MAC, "dev", "vb", "nud", "stale");
                Thread.sleep(MacAddresses.REFRESH_NANOS / 1_000_000 + 100);

                assertEquals(List.of(A_MAC, newMac), decode(capture(call), "arp", "arp.src.hw_mac"),
                        "the MAC it had, then the new one");
                assertTrue(neighbour(VIP4).contains("lladdr " + newMac), "B's entry for the VIP: " + neighbour(VIP4));
            });
        } finally {
            run("ip", "-n", A, "link", "set", "va", "address", A_MAC);
        }
    }

    /** A test's steps beside one announcer process in A, which announces VIP4 on va at each call of the action given. */
    private interface AnnouncerSession {
        void run(ThrowingAction announceOnce) throws Exception;
    }

    private static void withRunningAnnouncer(String type, AnnouncerSession session) throws Exception {
        Process announcer = new ProcessBuilder(announcerCommand(type, "va", "stdin", VIP4))
                .redirectErrorStream(true).start();
        try (Writer requests = new OutputStreamWriter(announcer.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader answers = new BufferedReader(new InputStreamReader(announcer.getInputStream(),
                     StandardCharsets.UTF_8))) {
            session.run(() -> assertSent(requests, answers));
        } finally {
            announcer.destroy();
            announcer.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** A's ARP and neighbour advertisements in the capture, leaving out what the kernels send by themselves. */
    private static List<byte[]> announcements(Path capture) throws IOException {
        byte[] mac = HexFormat.ofDelimiter(":").parseHex(A_MAC);
        return Pcap.frames(capture).stream()
                .filter(frame -> Arrays.equals(frame, 6, 12, mac, 0, 6))
                .filter(frame -> (frame[12] == 0x08 && frame[13] == 0x06)
                        || (frame[12] == (byte) 0x86 && frame[13] == (byte) 0xdd && (frame[54] & 0xff) == 136))
                .toList();
    }

    private static void assertSent(Writer requests, BufferedReader answers) throws IOException {
        requests.write("announce\n");
        requests.flush();
        String answer;
        do {
            answer = answers.readLine(); // skips the JVM's and the logger's lines
        } while (answer != null && !answer.equals("sent") && !answer.startsWith("failed: "));
        assertEquals("sent", answer);
    }

    // ---- the lab's few moving parts

    private void announce(String type, int calls, String... addresses) throws Exception {
        Result result = exec(announcerCommand(type, "va", Integer.toString(calls), addresses));
        assertEquals(0, result.exit(), "announcer in " + A + ": " + result.output());
    }

    /** {@link AnnounceOnce} in A; {@code calls} is a number, or "stdin" for one call per line. */
    private static List<String> announcerCommand(String type, String interfaceName, String calls, String... addresses) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", A, java,
                "-cp", System.getProperty("java.class.path"), AnnounceOnce.class.getName(),
                type, interfaceName, calls));
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
