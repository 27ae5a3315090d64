package io.hakeeper.engine.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceLab.class);

    private final LabNames names;
    private final String switchNamespace;
    private final List<LabNode> nodes = new ArrayList<>();
    private LabNode client;
    private final LabWiring wiring;
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
        this.wiring = new LabWiring(names, createdNamespaces::add);
        this.switchNamespace = wiring.switchNamespace();
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
            lab.wiring.buildSwitch();
            for (int i = 1; i <= nodeCount; i++) {
                lab.nodes.add(lab.wiring.attachHost("node" + i, "n" + i, LabAddressing.NODE_BASE + i));
            }
            lab.client = lab.wiring.attachHost("client", "cl", LabAddressing.CLIENT_HOST);
            for (LabNode host : lab.nodes) {
                lab.wiring.awaitCarrier(host);
            }
            lab.wiring.awaitCarrier(lab.client);
            LOG.info("lab {} up: switch {}, nodes {}, client {}", lab.names.token(), lab.switchNamespace,
                    lab.nodes, lab.client);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
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
        wiring.setLink(node, false);
    }

    /** Brings the node's interface back up and returns once frames pass again through its switch port. */
    public void linkUp(LabNode node) {
        wiring.setLink(node, true);
        wiring.awaitCarrier(node);
    }


    /**
     * Deletes the node's interface (both ends of its veth pair), as a NIC that vanishes looks to the node:
     * the interface and every address on it are gone.
     */
    public void deleteInterface(LabNode node) {
        wiring.unplug(node);
    }

    /**
     * Creates the node's interface again as the lab first made it (name, MAC, addresses; a new ifindex) and
     * returns once frames pass through its switch port.
     */
    public void recreateInterface(LabNode node) {
        wiring.plug(node);
        wiring.awaitCarrier(node);
    }

    /**
     * Cuts the node off the segment while its link stays up: the switch port stops forwarding, so the node
     * hears nobody and nobody hears it. A capture on the switch no longer sees its frames either.
     */
    public void isolate(LabNode node) {
        wiring.setPortForwarding(node, false);
    }

    /** Ends {@link #isolate}: the switch port forwards again. */
    public void rejoin(LabNode node) {
        wiring.setPortForwarding(node, true);
    }

    /** Captures on the node's own interface; returns once the capture is live. */
    public Capture capture(LabNode node, String filter) {
        return startCapture(node.namespace(), node.interfaceName(), filter, node.name());
    }

    /** Captures on the bridge, which sees every frame of the segment; returns once the capture is live. */
    public Capture captureSwitch(String filter) {
        return startCapture(switchNamespace, LabWiring.BRIDGE, filter, "switch");
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
