package io.hakeeper.engine.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.testsupport.Requirements;

/** The lab builds a working segment, captures on it, and always leaves the host as it found it. */
class NamespaceLabTest {

    @TempDir
    Path workDir;

    @BeforeEach
    void requirements() {
        Requirements.requireRoot();
        Requirements.requireTool("ip");
        Requirements.requireTool("sysctl");
        Requirements.requireTool("ping");
        Requirements.requireTool("tcpdump");
        Requirements.requireTool("tshark");
    }

    @Test
    void clientPingsANodeOverIpv4AndIpv6AndTheSwitchCaptureShowsTheIcmp() throws Exception {
        List<String> namespaces;
        try (NamespaceLab lab = NamespaceLab.create(2, workDir)) {
            namespaces = labNamespaces(lab);
            LabNode node = lab.node(2);
            Capture capture = lab.captureSwitch("icmp or icmp6");

            CommandResult ping4 = lab.exec(lab.client(), "ping", "-c", "1", "-W", "1", node.ipv4().getHostAddress());
            CommandResult ping6 = lab.exec(lab.client(), "ping", "-6", "-c", "1", "-W", "1", node.ipv6().getHostAddress());
            Path pcap = capture.stop();

            assertTrue(ping4.succeeded(), ping4::describe);
            assertTrue(ping6.succeeded(), ping6::describe);
            assertTrue(Files.size(pcap) > 0, "the capture file is empty");
            String client4 = lab.client().ipv4().getHostAddress();
            String client6 = lab.client().ipv6().getHostAddress();
            assertEquals(1, Tshark.count(pcap, "icmp.type == 8 && ip.src == " + client4));
            assertEquals(1, Tshark.count(pcap, "icmp.type == 0 && ip.dst == " + client4));
            assertEquals(1, Tshark.count(pcap, "icmpv6.type == 128 && ipv6.src == " + client6));
            assertEquals(1, Tshark.count(pcap, "icmpv6.type == 129 && ipv6.dst == " + client6));
        }
        assertGone(namespaces);
    }

    @Test
    void nodesHaveTheAddressesAndMacTheLabAnnounces() {
        try (NamespaceLab lab = NamespaceLab.create(1, workDir)) {
            LabNode node = lab.node(1);
            String link = lab.exec(node, "ip", "-o", "link", "show", "dev", node.interfaceName()).orThrow().stdout();
            String addresses = lab.exec(node, "ip", "-o", "addr", "show", "dev", node.interfaceName()).orThrow().stdout();

            Set<String> configured = addressesWithPrefix(addresses);

            assertTrue(link.contains(node.mac()), link);
            assertEquals(Set.of(node.ipv4() + "/24", node.ipv6() + "/64", node.ipv6LinkLocal() + "/64"), configured);
            assertFalse(addresses.contains("tentative"), "DAD is off, no address may be tentative: " + addresses);
        }
    }

    @Test
    void aMacvlanWithRandomAddressGenerationGetsAUsableLinkLocalAddressInANode() {
        try (NamespaceLab lab = NamespaceLab.create(1, workDir)) {
            LabNode node = lab.node(1);
            // keepalived's VMAC recipe; addrgenmode is refused at "link add" and must be set afterwards
            lab.exec(node, "ip", "link", "add", "link", node.interfaceName(), "name", "vmac51",
                    "address", "00:00:5e:00:01:33", "type", "macvlan", "mode", "private").orThrow();
            lab.exec(node, "ip", "link", "set", "dev", "vmac51", "addrgenmode", "random").orThrow();
            lab.exec(node, "ip", "link", "set", "dev", "vmac51", "up").orThrow();

            String addresses = lab.exec(node, "ip", "-o", "-6", "addr", "show", "dev", "vmac51", "scope", "link")
                    .orThrow().stdout();
            assertTrue(addresses.contains("inet6 fe80:"), "no link-local address on the macvlan: " + addresses);
            assertFalse(addresses.contains("tentative"), addresses);
        }
    }

    @Test
    void aLinkTakenDownStopsAnsweringAndAnswersAgainWhenUp() {
        try (NamespaceLab lab = NamespaceLab.create(1, workDir)) {
            LabNode node = lab.node(1);
            String address = node.ipv4().getHostAddress();

            lab.linkDown(node);
            assertFalse(lab.exec(lab.client(), "ping", "-c", "1", "-W", "1", address).succeeded());
            lab.linkUp(node);
            // -W 3: the client's ARP entry is still INCOMPLETE from the failed ping and is re-probed only
            // once a second, so a 1 s wait would race the next probe
            assertTrue(lab.exec(lab.client(), "ping", "-c", "1", "-W", "3", address).succeeded());
        }
    }

    @Test
    void anIsolatedNodeKeepsItsLinkButIsHeardByNobodyUntilItRejoins() {
        try (NamespaceLab lab = NamespaceLab.create(1, workDir)) {
            LabNode node = lab.node(1);
            String address = node.ipv4().getHostAddress();

            lab.isolate(node);
            assertFalse(lab.exec(lab.client(), "ping", "-c", "1", "-W", "1", address).succeeded());
            assertTrue(lab.exec(node, "ip", "-o", "link", "show", "dev", node.interfaceName()).stdout()
                    .contains("LOWER_UP"), "an isolated node must keep its carrier");
            lab.rejoin(node);
            assertTrue(lab.exec(lab.client(), "ping", "-c", "1", "-W", "3", address).succeeded());
        }
    }

    @Test
    void aDeletedInterfaceComesBackWithItsAddressesAndMacAndANewIndex() {
        try (NamespaceLab lab = NamespaceLab.create(1, workDir)) {
            LabNode node = lab.node(1);
            String before = lab.exec(node, "ip", "-o", "link", "show", "dev", node.interfaceName()).orThrow().stdout();

            lab.deleteInterface(node);
            assertFalse(lab.exec(node, "ip", "link", "show", "dev", node.interfaceName()).succeeded());
            lab.recreateInterface(node);

            String after = lab.exec(node, "ip", "-o", "link", "show", "dev", node.interfaceName()).orThrow().stdout();
            assertTrue(after.contains(node.mac()), after);
            assertFalse(after.split(":")[0].equals(before.split(":")[0]), "the same ifindex: " + before + " / " + after);
            assertTrue(lab.exec(lab.client(), "ping", "-c", "1", "-W", "3", node.ipv4().getHostAddress()).succeeded());
            assertTrue(lab.exec(lab.client(), "ping", "-6", "-c", "1", "-W", "3", node.ipv6().getHostAddress())
                    .succeeded());
        }
    }

    @Test
    void aLabWhoseTestThrowsStillRemovesItsNamespacesAndProcesses() throws Exception {
        List<String> namespaces = new ArrayList<>();
        Process[] sleeper = new Process[1];

        assertThrows(IllegalStateException.class, () -> {
            try (NamespaceLab lab = NamespaceLab.create(1, workDir)) {
                namespaces.addAll(labNamespaces(lab));
                sleeper[0] = lab.start(lab.node(1), "sleep", "600").process();
                throw new IllegalStateException("the test body fails");
            }
        });

        assertGone(namespaces);
        assertFalse(sleeper[0].isAlive(), "a process started in the lab outlived it");
    }

    @Test
    void namespacesOfADeadOwnerAreSweptWhenTheNextLabStarts() {
        // pid 2^22+1 is above the kernel's pid_max ceiling, so no live process can own this namespace
        String stale = LabNames.PREFIX + ((1 << 22) + 1) + "-dead-sw";
        Namespaces.add(stale);
        try {
            NamespaceLab.create(1, workDir).close();
            assertFalse(Namespaces.list().contains(stale), "the stale namespace was not swept");
        } finally {
            Namespaces.delete(stale);
        }
    }

    /** "ADDRESS/PREFIX" of each {@code inet}/{@code inet6} line of {@code ip -o addr}, addresses in Java's form. */
    private static Set<String> addressesWithPrefix(String ipOutput) {
        Set<String> found = new HashSet<>();
        for (String line : ipOutput.split("\n")) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet") || words[i].equals("inet6")) {
                    String[] addressAndPrefix = words[i + 1].split("/");
                    found.add(literal(addressAndPrefix[0]) + "/" + addressAndPrefix[1]);
                }
            }
        }
        return found;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new AssertionError(address, e);
        }
    }

    private static List<String> labNamespaces(NamespaceLab lab) {
        List<String> ours = Namespaces.list().stream()
                .filter(name -> name.startsWith(lab.switchNamespace().replaceAll("-sw$", "-")))
                .toList();
        assertEquals(lab.nodes().size() + 2, ours.size(), "switch, nodes and client namespaces: " + ours);
        return ours;
    }

    private static void assertGone(List<String> namespaces) {
        String listed = HostCommands.run(List.of("ip", "netns", "list")).orThrow().stdout();
        for (String namespace : namespaces) {
            assertFalse(listed.contains(namespace), namespace + " is still listed after close: " + listed);
        }
    }
}
