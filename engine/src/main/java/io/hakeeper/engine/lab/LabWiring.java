package io.hakeeper.engine.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The iproute2 and sysctl steps that wire a lab: the switch namespace with its bridge, and each host's
 * namespace joined to the bridge by a veth pair. Created inside the switch namespace with the peer put
 * straight into the host's namespace, so that no interface ever appears on the host, even briefly.
 */
final class LabWiring {

    static final String BRIDGE = "br0";
    private static final Duration CARRIER_TIMEOUT = Duration.ofSeconds(5);

    private final LabNames names;
    private final String switchNamespace;
    private final Consumer<String> beforeCreating;

    /** @param beforeCreating told of each namespace just before it is created, so that it is cleaned up */
    LabWiring(LabNames names, Consumer<String> beforeCreating) {
        this.names = names;
        this.switchNamespace = names.namespace("sw");
        this.beforeCreating = beforeCreating;
    }

    String switchNamespace() {
        return switchNamespace;
    }

    void buildSwitch() {
        newNamespace(switchNamespace);
        // a switch has no addresses: no IPv6 on its bridge and ports, so it sends nothing of its own
        sysctl(switchNamespace, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        ip(switchNamespace, "link", "add", BRIDGE, "type", "bridge", "mcast_snooping", "0", "stp_state", "0");
        ip(switchNamespace, "link", "set", BRIDGE, "up");
    }

    LabNode attachHost(String name, String role, int host) {
        String namespace = names.namespace(role);
        newNamespace(namespace);
        // DAD off before any link comes up, or fresh addresses stay tentative and unusable for a second;
        // IPv6 explicitly on, which a macvlan with addrgenmode random (VIP setups) needs
        sysctl(namespace, "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf.all.disable_ipv6=0", "net.ipv6.conf.default.disable_ipv6=0");
        ip(namespace, "link", "set", "lo", "up");
        String port = "p-" + role; // unique within the switch namespace, far below the 15-character limit
        LabNode node = new LabNode(name, namespace, NamespaceLab.INTERFACE, port, LabAddressing.mac(host),
                LabAddressing.ipv4(host), LabAddressing.ipv6(host), LabAddressing.linkLocal(host));
        plug(node);
        return node;
    }

    /** Makes the node's veth pair, joins it to the bridge and gives the node's end its MAC and addresses. */
    void plug(LabNode node) {
        String eth = node.interfaceName();
        ip(switchNamespace, "link", "add", node.switchPort(), "type", "veth", "peer", "name", eth, "netns",
                node.namespace());
        ip(switchNamespace, "link", "set", node.switchPort(), "master", BRIDGE, "up");
        ip(node.namespace(), "link", "set", eth, "address", node.mac());
        ip(node.namespace(), "addr", "add", node.ipv4().getHostAddress() + "/" + NamespaceLab.IPV4_PREFIX_LENGTH,
                "dev", eth);
        ip(node.namespace(), "addr", "add", node.ipv6().getHostAddress() + "/" + NamespaceLab.IPV6_PREFIX_LENGTH,
                "dev", eth, "nodad");
        ip(node.namespace(), "link", "set", eth, "up");
    }

    /** Deletes the node's veth pair: its interface vanishes with every address on it. */
    void unplug(LabNode node) {
        ip(node.namespace(), "link", "delete", node.interfaceName());
    }

    /**
     * Blocks or unblocks the node's switch port: blocked, the bridge drops every frame from or to it, while
     * both ends of the link keep their carrier. With STP off the port's state is ours to set.
     */
    void setPortForwarding(LabNode node, boolean forwarding) {
        HostCommands.run(List.of("bridge", "-n", switchNamespace, "link", "set", "dev", node.switchPort(),
                "state", forwarding ? "3" : "0")).orThrow();
    }

    private void newNamespace(String namespace) {
        beforeCreating.accept(namespace); // registered first: a half-made namespace must be cleaned up too
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

    void setLink(LabNode node, boolean up) {
        ip(node.namespace(), "link", "set", node.interfaceName(), up ? "up" : "down");
    }

    /**
     * Waits until both ends of the node's veth report carrier. The kernel passes carrier changes on through
     * its link-watch work, which may wait up to a second; until then the bridge port stays disabled and
     * frames are dropped, so "up" is only true once both ends say LOWER_UP.
     */
    void awaitCarrier(LabNode node) {
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
}
