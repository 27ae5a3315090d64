package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A network namespace of the test's own with a veth pair {@code va}/{@code vb} inside it, both up, so
 * that nothing the backend does can reach the host's interfaces. Closing it deletes the namespace and
 * everything in it; create it in try-with-resources.
 */
final class TestNamespace implements AutoCloseable {

    static final String A = "va";
    static final String B = "vb";

    private final String name;
    private final IpCommand host = new IpCommand(List.of("ip"), Duration.ofSeconds(10));

    private TestNamespace(String name) {
        this.name = name;
    }

    static TestNamespace create() throws IOException, InterruptedException {
        TestNamespace ns = new TestNamespace("hk-vip-" + UUID.randomUUID().toString().substring(0, 8));
        ns.host.check(List.of("netns", "add", ns.name));
        try {
            ns.ip("link", "add", A, "type", "veth", "peer", "name", B);
            ns.ip("link", "set", A, "up");
            ns.ip("link", "set", B, "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The command prefix that runs {@code ip} inside this namespace. */
    List<String> ipPrefix() {
        return List.of("ip", "-n", name);
    }

    /** A backend whose every call runs inside this namespace. */
    IpRoute2Backend backend() {
        return new IpRoute2Backend(new IpCommand(ipPrefix(), Duration.ofSeconds(5)));
    }

    /** Runs {@code ip -n NS ARGS...}, independently of the backend, and returns its stdout. */
    String ip(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("-n", name));
        argv.addAll(List.of(args));
        return host.check(argv);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        host.check(List.of("netns", "del", name));
    }
}
