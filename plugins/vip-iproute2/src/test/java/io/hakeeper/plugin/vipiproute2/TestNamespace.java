package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.hakeeper.api.VipBackend;

/**
 * A network namespace of the test's own with a veth pair {@code va}/{@code vb} inside it, both up, so
 * that nothing the backend does can reach the host's interfaces, and one backend of the kind asked for
 * that works inside it. Closing it closes the backend and deletes the namespace and everything in it;
 * create it in try-with-resources.
 */
final class TestNamespace implements AutoCloseable {

    static final String A = "va";
    static final String B = "vb";

    /** The backends under test, each made to work inside a namespace. */
    enum Kind {
        IPROUTE2, NETLINK
    }

    private final String name;
    private final Kind kind;
    private final IpCommand host = new IpCommand(List.of("ip"), Duration.ofSeconds(10));
    private VipBackend backend;

    private TestNamespace(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    static TestNamespace create() throws IOException, InterruptedException {
        return create(Kind.IPROUTE2);
    }

    static TestNamespace create(Kind kind) throws IOException, InterruptedException {
        TestNamespace ns = new TestNamespace("hk-vip-" + UUID.randomUUID().toString().substring(0, 8), kind);
        ns.host.check(List.of("netns", "add", ns.name));
        try {
            ns.ip("link", "add", A, "type", "veth", "peer", "name", B);
            ns.ip("link", "set", A, "up");
            ns.ip("link", "set", B, "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.host.check(List.of("netns", "del", ns.name));
            throw e;
        }
        return ns;
    }

    /** The command prefix that runs {@code ip} inside this namespace. */
    List<String> ipPrefix() {
        return List.of("ip", "-n", name);
    }

    /**
     * This namespace's backend, of its kind, whose every call works inside the namespace: {@code ip -n}
     * for iproute2 (and for the netlink backend's routes), a socket opened in the namespace for netlink.
     */
    VipBackend backend() {
        if (backend == null) {
            backend = newBackend();
        }
        return backend;
    }

    /** Another backend of the same kind in this namespace (what a restarted daemon would have); close it. */
    VipBackend newBackend() {
        IpRoute2Backend ip = new IpRoute2Backend(new IpCommand(ipPrefix(), Duration.ofSeconds(5)),
                new NetlinkAddresses(socket()));
        return switch (kind) {
            case IPROUTE2 -> ip;
            case NETLINK -> new NetlinkBackend(socket(), ip);
        };
    }

    /** A netlink socket opened inside this namespace when first used. */
    NetlinkSocket socket() {
        return new NetlinkSocket(() -> NetlinkSocket.openIn(Path.of("/run/netns", name)), Duration.ofSeconds(5));
    }

    /** Runs {@code ip -n NS ARGS...}, independently of the backend, and returns its stdout. */
    String ip(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("-n", name));
        argv.addAll(List.of(args));
        return host.check(argv);
    }

    @Override
    public void close() throws Exception {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            host.check(List.of("netns", "del", name));
        }
    }
}
