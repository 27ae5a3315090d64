package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.NamespaceLab;
import io.hakeeper.engine.lab.Tshark;

/**
 * A namespace lab with hakeeperd daemons of the assembled tree on its nodes: the end-to-end tests' world.
 * Configurations, daemon logs and captures are kept under {@code target/e2e/} for a failing run to be read.
 */
final class Segment implements AutoCloseable {

    /** Capture filter for everything the VRRP tests look at: adverts, ARP, neighbour discovery. */
    static final String VRRP_ARP_ND = "ip proto 112 or ip6 proto 112 or arp or icmp6";

    private static final Pattern LLADDR = Pattern.compile("lladdr (\\S+)");

    private final Path tree;
    private final NamespaceLab lab;
    private final List<LabRouter> daemons = new ArrayList<>();

    private Segment(NamespaceLab lab, Path tree) {
        this.lab = lab;
        this.tree = tree;
    }

    /** A lab of {@code nodes} routers and a client; skips (or fails under CI=true) without root and tools. */
    static Segment create(String testName, int nodes) {
        return create(testName, nodes, Tree.built());
    }

    /** The same, with daemons run from another tree (a copy with an operator's plugin added, say). */
    static Segment create(String testName, int nodes, Path tree) {
        Requirements.requireRoot();
        for (String tool : List.of("ip", "tcpdump", "tshark", "ping")) {
            Requirements.requireTool(tool);
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
        Path workDir = Tree.built().getParent().resolve("e2e").resolve(testName + "-" + stamp);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Segment(NamespaceLab.create(nodes, workDir), tree);
    }

    NamespaceLab lab() {
        return lab;
    }

    LabNode node(int number) {
        return lab.node(number);
    }

    LabNode client() {
        return lab.client();
    }

    /**
     * Starts hakeeperd on the node with {@code instances} (TOML {@code [vrrp_instance.X]} tables) after a
     * {@code [global_defs]} of its own: a control socket private to the node, no delayed second GARP burst.
     */
    Hakeeperd start(LabNode node, String instances) {
        Hakeeperd daemon = new Hakeeperd(lab.start(node, tree.resolve("bin/hakeeperd").toString(), "-f",
                writeConfig(node, instances).toString()));
        daemons.add(daemon);
        return daemon;
    }

    /** As {@link #start(LabNode, String)}, with {@code javaOptions} added to the JVM's (HAKEEPER_JAVA_OPTS). */
    Hakeeperd startWithJavaOptions(LabNode node, String javaOptions, String instances) {
        return startWithJavaOptions(node, javaOptions, "", instances);
    }

    /** As {@link #startWithJavaOptions(LabNode, String, String)}, with {@code globalDefs} lines added to its own. */
    Hakeeperd startWithJavaOptions(LabNode node, String javaOptions, String globalDefs, String instances) {
        Hakeeperd daemon = new Hakeeperd(lab.start(node, "env", "HAKEEPER_JAVA_OPTS=" + javaOptions,
                tree.resolve("bin/hakeeperd").toString(), "-f", writeConfig(node, globalDefs, instances).toString()));
        daemons.add(daemon);
        return daemon;
    }

    private Path writeConfig(LabNode node, String instances) {
        return writeConfig(node, "", instances);
    }

    private Path writeConfig(LabNode node, String globalDefs, String instances) {
        String config = """
                [global_defs]
                router_id = "%s"
                control_socket = "/tmp/hk-%s.sock"
                vrrp_garp_master_delay = 0
                %s
                %s""".formatted(node.name(), node.namespace(), globalDefs, instances);
        Path file = lab.workDir().resolve(node.name() + "-" + daemons.size() + ".toml");
        try {
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Starts hakeeperd on the node with a configuration file the test wrote (and may rewrite, to reload). */
    Hakeeperd start(LabNode node, Path configFile, String... extraArgs) {
        List<String> argv = new ArrayList<>(List.of(tree.resolve("bin/hakeeperd").toString(), "-f", configFile.toString()));
        argv.addAll(List.of(extraArgs));
        Hakeeperd daemon = new Hakeeperd(lab.start(node, argv.toArray(String[]::new)));
        daemons.add(daemon);
        return daemon;
    }

    /**
     * Starts Debian's keepalived on the node with {@code config} (a keepalived.conf): in the foreground
     * ({@code -n}), VRRP only ({@code -P}), logging to the console with detail ({@code -l -D}) and not to
     * syslog ({@code -G}), with pid files of its own so that several run side by side on one host.
     */
    Keepalived startKeepalived(LabNode node, String config) {
        Path keepalived = Requirements.requireTool("keepalived");
        String stem = node.name() + "-" + daemons.size();
        Path file = lab.workDir().resolve(stem + "-keepalived.conf");
        try {
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Keepalived daemon = new Keepalived(lab.start(node, keepalived.toString(), "-n", "-P", "-l", "-D", "-G",
                "-f", file.toString(), "-p", lab.workDir().resolve(stem + "-keepalived.pid").toString(),
                "-r", lab.workDir().resolve(stem + "-keepalived-vrrp.pid").toString()));
        daemons.add(daemon);
        return daemon;
    }

    /** The tree the daemons run from. */
    Path tree() {
        return tree;
    }

    /** The node's addresses on its lab interface, as {@code ip -o addr} prints them ("192.0.2.200/24" ...). */
    List<String> addresses(LabNode node) {
        CommandResult shown = run(lab.exec(node, "ip", "-o", "addr", "show", "dev", node.interfaceName()));
        List<String> addresses = new ArrayList<>();
        for (String line : shown.stdout().split("\n")) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet") || words[i].equals("inet6")) {
                    addresses.add(words[i + 1]);
                }
            }
        }
        return addresses;
    }

    boolean holds(LabNode node, String vip) {
        return addresses(node).stream().anyMatch(a -> a.startsWith(vip + "/"));
    }

    /** Waits until {@code vip} is configured on {@code node}, whatever other nodes hold. */
    void awaitVipOn(LabNode node, String vip, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(node, vip)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(vip + " is not on " + node.name() + " within " + timeout + "\n" + logs());
            }
            Hakeeperd.sleep(20);
        }
    }

    /** Waits until {@code vip} is configured on {@code owner} and on no other node. */
    void awaitVipOnlyOn(LabNode owner, String vip, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> holders = lab.nodes().stream().filter(n -> holds(n, vip)).map(LabNode::name).toList();
            if (holders.equals(List.of(owner.name()))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(vip + " should be on " + owner.name() + " alone, is on " + holders + "\n" + logs());
            }
            Hakeeperd.sleep(20);
        }
    }

    /**
     * Samples, inside the node, whether {@code vip} is configured on its interface, every 10 ms,
     * {@code samples} times; started at once, finished by the returned future: "1" for each sample that
     * saw it, "0" for each that did not.
     */
    CompletableFuture<List<String>> sampleVip(LabNode node, String vip, int samples, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            CommandResult sampled = lab.exec(node, "sh", "-c", "for i in $(seq " + samples + "); do ip -o addr show"
                    + " dev " + node.interfaceName() + " | grep -c ' " + vip + "/' ; sleep 0.01; done");
            List<String> counts = List.of(sampled.stdout().strip().split("\\s+"));
            assertEquals(samples, counts.size(), sampled.describe());
            return counts;
        }, executor);
    }

    /** The client pings {@code address} and gets answers. */
    void assertClientReaches(String address) {
        CommandResult ping = lab.exec(client(), "ping", "-n", "-c", "3", "-i", "0.2", "-W", "1", address);
        assertEquals(0, ping.exitCode(), () -> "the client cannot ping " + address + ":\n" + ping + "\n" + logs());
    }

    /** The MAC of the client's neighbour entry for {@code address}, if it has one with an address. */
    Optional<String> clientNeighbourMac(String address) {
        CommandResult neigh = run(lab.exec(client(), "ip", "neigh", "show", address));
        Matcher matcher = LLADDR.matcher(neigh.stdout());
        return matcher.find() ? Optional.of(matcher.group(1).toLowerCase()) : Optional.empty();
    }

    /** Waits until the client's neighbour entry for {@code address} holds the node's MAC, without any traffic of its own. */
    void awaitClientNeighbour(String address, LabNode node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!clientNeighbourMac(address).equals(Optional.of(node.mac().toLowerCase()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the client's neighbour entry for " + address + " is "
                        + clientNeighbourMac(address) + ", not " + node.name() + "'s " + node.mac() + "\n" + logs());
            }
            Hakeeperd.sleep(10);
        }
    }

    /** Every daemon's log, for a failure message. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (LabRouter daemon : daemons) {
            all.append("--- ").append(daemon).append('\n').append(daemon.log());
        }
        return all.toString();
    }

    private static CommandResult run(CommandResult result) {
        if (result.exitCode() != 0) {
            throw new AssertionError("failed: " + result);
        }
        return result;
    }

    // ---- captures

    /**
     * Asserts the capture holds VRRP adverts and that tshark, which knows nothing of hakeeper's codec, finds
     * every one's checksum correct. Returns how many there were.
     */
    static int assertAdvertsValid(Path pcap) {
        int adverts = Tshark.count(pcap, "vrrp");
        assertTrue(adverts > 0, "no VRRP advert in " + pcap);
        int good = Tshark.count(pcap, "vrrp.checksum.status == 1");
        assertEquals(adverts, good, () -> "adverts with a checksum tshark does not accept in " + pcap + ":\n"
                + Tshark.fields(pcap, "vrrp && !(vrrp.checksum.status == 1)",
                        List.of("frame.number", "ip.src", "ipv6.src", "vrrp.version", "vrrp.checksum")));
        return adverts;
    }

    /** Asserts the capture holds at least one packet. */
    static void assertNotEmpty(Path pcap) {
        assertTrue(Tshark.count(pcap, "frame") > 0, "empty capture " + pcap);
    }

    /** Capture time (host clock, seconds since the epoch) of every packet matching the display filter. */
    static List<BigDecimal> times(Path pcap, String displayFilter) {
        return Tshark.fields(pcap, displayFilter, List.of("frame.time_epoch")).stream()
                .map(String::trim).map(BigDecimal::new).toList();
    }

    /** Milliseconds from {@code event} to the first packet matching the filter captured at or after it. */
    static double millisToFirst(Path pcap, String displayFilter, Instant event) {
        BigDecimal eventSeconds = BigDecimal.valueOf(event.getEpochSecond()).add(BigDecimal.valueOf(event.getNano(), 9));
        BigDecimal first = times(pcap, displayFilter).stream().filter(t -> t.compareTo(eventSeconds) >= 0)
                .findFirst().orElseThrow(() -> new AssertionError("no '" + displayFilter + "' after " + event + " in " + pcap));
        return first.subtract(eventSeconds).doubleValue() * 1000;
    }

    @Override
    public void close() {
        lab.close();
    }
}
