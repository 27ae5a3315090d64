package io.hakeeper.engine.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ethernet segment made of network namespaces: a "switch" namespace holding a bridge, and N node
 * namespaces plus a client namespace, each joined to the bridge by a veth pair whose near end is
 * {@code eth0}. Nodes have IPv4 and IPv6 addresses from the documentation ranges (see {@link LabAddressing}),
 * duplicate address detection is off so that addresses work the moment they are set, and the switch is
 * a pure layer-2 device without addresses or multicast snooping, so that VRRP multicast reaches every port
 * whatever MLD/IGMP state the bridge has seen.
 *
 * <p>The host's own namespace is never touched: veth pairs are created inside the switch namespace with
 * their peer placed straight into the node's namespace, so not even a transient interface appears on the
 * host.
 *
 * <p>Cleanup always runs: {@link #close} (for try-with-resources), a JVM shutdown hook (for a test run that
 * is interrupted), and a sweep at {@link #create} of namespaces left by a JVM that was killed outright.
 * Requires root, iproute2, sysctl and, for captures, tcpdump.
 */
public final class NamespaceLab implements AutoCloseable {

    public static final int IPV4_PREFIX_LENGTH = 24;
    public static final int IPV6_PREFIX_LENGTH = 64;
    /** The node-side interface name, the same in every namespace. */
    public static final String INTERFACE = "eth0";
    private static final String BRIDGE = "br0";
    private static final Duration CARRIER_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceLab.class);

    private final LabNames names;
    private final String switchNamespace;
    private final List<LabNode> nodes = new ArrayList<>();
    private LabNode client;
    private final Path workDir;
    private final List<String> createdNamespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<LabProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final List<Capture> captures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile boolean deleteWorkDirOnClose;

    private NamespaceLab(Path workDir) {
        this.names = LabNames.forThisProcess();
        this.switchNamespace = names.namespace("sw");
        this.workDir = workDir;
        this.shutdownHook = new Thread(this::cleanUp, "lab-cleanup-" + names.token());
    }

    /**
     * Builds a lab of {@code nodeCount} nodes and a client, with captures and process logs in a temporary
     * directory that {@link #close} deletes; pass a directory of your own to keep them.
     */
    public static NamespaceLab create(int nodeCount) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("hakeeper-lab-");
        } catch (IOException e) {
            throw new LabException("cannot create the lab's work directory: " + e.getMessage(), e);
        }
        NamespaceLab lab = create(nodeCount, workDir);
        lab.deleteWorkDirOnClose = true;
        return lab;
    }

    /** Builds a lab of {@code nodeCount} nodes and a client; captures and process logs go to {@code workDir}. */
    public static NamespaceLab create(int nodeCount, Path workDir) {
        if (nodeCount < 1 || nodeCount > LabAddressing.MAX_NODES) {
            throw new IllegalArgumentException("a lab has 1.." + LabAddressing.MAX_NODES + " nodes, not " + nodeCount);
        }
        StaleLabSweeper.sweep();
        NamespaceLab lab = new NamespaceLab(workDir);
        // registered before the first namespace exists, so that nothing made is ever left unowned
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.buildSwitch();
            for (int i = 1; i <= nodeCount; i++) {
                lab.nodes.add(lab.attachHost("node" + i, "n" + i, LabAddressing.NODE_BASE + i));
            }
            lab.client = lab.attachHost("client", "cl", LabAddressing.CLIENT_HOST);
            for (LabNode host : lab.hosts()) {
                lab.awaitCarrier(host);
            }
            LOG.info("lab {} up: switch {}, nodes {}, client {}", lab.names.token(), lab.switchNamespace,
                    lab.nodes, lab.client);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void buildSwitch() {
        newNamespace(switchNamespace);
        // a switch has no addresses: no IPv6 on its bridge and ports, so it sends nothing of its own
        sysctl(switchNamespace, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        ip(switchNamespace, "link", "add", BRIDGE, "type", "bridge", "mcast_snooping", "0", "stp_state", "0");
        ip(switchNamespace, "link", "set", BRIDGE, "up");
    }

    private LabNode attachHost(String name, String role, int host) {
        String namespace = names.namespace(role);
        newNamespace(namespace);
        // DAD off before any link comes up, or fresh addresses stay tentative and unusable for a second;
        // IPv6 explicitly on, which a macvlan with addrgenmode random (VIP setups) needs
        sysctl(namespace, "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf.all.disable_ipv6=0", "net.ipv6.conf.default.disable_ipv6=0");
        ip(namespace, "link", "set", "lo", "up");
        String port = "p-" + role; // unique within the switch namespace, far below the 15-character limit
        ip(switchNamespace, "link", "add", port, "type", "veth", "peer", "name", INTERFACE, "netns", namespace);
        ip(switchNamespace, "link", "set", port, "master", BRIDGE, "up");
        LabNode node = new LabNode(name, namespace, INTERFACE, port, LabAddressing.mac(host),
                LabAddressing.ipv4(host), LabAddressing.ipv6(host), LabAddressing.linkLocal(host));
        ip(namespace, "link", "set", INTERFACE, "address", node.mac());
        ip(namespace, "addr", "add", node.ipv4().getHostAddress() + "/" + IPV4_PREFIX_LENGTH, "dev", INTERFACE);
        ip(namespace, "addr", "add", node.ipv6().getHostAddress() + "/" + IPV6_PREFIX_LENGTH, "dev", INTERFACE,
                "nodad");
        ip(namespace, "link", "set", INTERFACE, "up");
        return node;
    }

    private void newNamespace(String namespace) {
        createdNamespaces.add(namespace); // before creation: a half-made namespace must be cleaned up too
        Namespaces.add(namespace);
    }

    private static void ip(String namespace, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", namespace));
        argv.addAll(List.of(args));
        HostCommands.run(argv).orThrow();
    }

    private static void sysctl(String namespace, String... settings) {
        List<String> argv = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        argv.addAll(List.of(settings));
        HostCommands.run(Namespaces.inside(namespace, argv)).orThrow();
    }

    /** The routers, in order: {@code node1} first. */
    public List<LabNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code number}, counted from 1 as in its name. */
    public LabNode node(int number) {
        return nodes.get(number - 1);
    }

    /** The host that plays the user of the VIP: pings it, looks up its neighbour entry. */
    public LabNode client() {
        return client;
    }

    /** The namespace holding the bridge. */
    public String switchNamespace() {
        return switchNamespace;
    }

    /** Where captures and process logs are written. */
    public Path workDir() {
        return workDir;
    }

    /** Runs a command inside the node's namespace to completion. */
    public CommandResult exec(LabNode node, String... argv) {
        return HostCommands.run(Namespaces.inside(node.namespace(), List.of(argv)));
    }

    /** Starts a long-running command inside the node's namespace; the lab kills it on close. */
    public LabProcess start(LabNode node, String... argv) {
        Path output = workDir.resolve(node.name() + "-" + sequence.incrementAndGet() + ".out");
        try {
            Process process = Namespaces.spawn(node.namespace(), List.of(argv), output);
            LabProcess started = new LabProcess(node, process, output);
            processes.add(started);
            return started;
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", argv) + " in " + node + ": " + e.getMessage(), e);
        }
    }

    /** Takes the node's interface down, as a pulled cable would look to the node. */
    public void linkDown(LabNode node) {
        ip(node.namespace(), "link", "set", node.interfaceName(), "down");
    }

    /** Brings the node's interface back up and returns once frames pass again through its switch port. */
    public void linkUp(LabNode node) {
        ip(node.namespace(), "link", "set", node.interfaceName(), "up");
        awaitCarrier(node);
    }

    /**
     * Waits until both ends of the node's veth report carrier. The kernel passes carrier changes on through
     * its link-watch work, which may wait up to a second; until then the bridge port stays disabled and
     * frames are dropped, so "up" is only true once both ends say LOWER_UP.
     */
    private void awaitCarrier(LabNode node) {
        long deadline = System.nanoTime() + CARRIER_TIMEOUT.toNanos();
        while (!(hasCarrier(node.namespace(), node.interfaceName()) && hasCarrier(switchNamespace, node.switchPort()))) {
            if (System.nanoTime() > deadline) {
                throw new LabException(node + ": no carrier on its link within " + CARRIER_TIMEOUT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + node + "'s link", e);
            }
        }
    }

    private static boolean hasCarrier(String namespace, String interfaceName) {
        CommandResult link = HostCommands.run(List.of("ip", "-n", namespace, "-o", "link", "show", "dev", interfaceName));
        // e.g. "3: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> ... state UP ..."
        return link.succeeded() && link.stdout().contains("LOWER_UP") && link.stdout().contains(" state UP ");
    }

    private List<LabNode> hosts() {
        List<LabNode> hosts = new ArrayList<>(nodes);
        hosts.add(client);
        return hosts;
    }

    /** Captures on the node's own interface; returns once the capture is live. */
    public Capture capture(LabNode node, String filter) {
        return startCapture(node.namespace(), node.interfaceName(), filter, node.name());
    }

    /** Captures on the bridge, which sees every frame of the segment; returns once the capture is live. */
    public Capture captureSwitch(String filter) {
        return startCapture(switchNamespace, BRIDGE, filter, "switch");
    }

    private Capture startCapture(String namespace, String interfaceName, String filter, String label) {
        Path file = workDir.resolve(label + "-" + sequence.incrementAndGet() + ".pcap");
        Capture capture = Capture.start(namespace, interfaceName, filter, file);
        captures.add(capture);
        return capture;
    }

    /** Stops captures and processes, deletes every namespace of the lab. Idempotent. */
    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it finds the lab closed and does nothing
        }
    }

    private void cleanUp() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (captures) {
            captures.forEach(Capture::stop);
        }
        synchronized (processes) {
            for (LabProcess started : processes) {
                stopProcess(started.process());
            }
        }
        List<String> failures = new ArrayList<>();
        synchronized (createdNamespaces) {
            // nodes first, switch last: deleting a node namespace also removes its veth pair
            for (int i = createdNamespaces.size() - 1; i >= 0; i--) {
                String failure = Namespaces.delete(createdNamespaces.get(i));
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        if (deleteWorkDirOnClose) {
            deleteWorkDir();
        }
        if (!failures.isEmpty()) {
            LOG.error("lab {} left namespaces behind (the next lab will sweep them): {}", names.token(), failures);
        }
    }

    private void deleteWorkDir() {
        try (var files = Files.list(workDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            LOG.warn("cannot delete the lab's work directory {}: {}", workDir, e.toString());
        }
    }

    private static void stopProcess(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
