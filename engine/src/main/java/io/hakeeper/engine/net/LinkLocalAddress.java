package io.hakeeper.engine.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds an interface's IPv6 link-local address, the source of every IPv6 VRRP advert (RFC 5798 5.1.2.1).
 *
 * <p>Read from {@code /proc/thread-self/net/if_inet6}, not {@code /proc/self/...} nor Java's
 * {@code NetworkInterface}: those describe the namespace of the process's main thread, while a test's
 * socket thread may have entered a lab namespace of its own.
 */
final class LinkLocalAddress {

    private static final Path THIS_THREADS_ADDRESSES = Path.of("/proc/thread-self/net/if_inet6");
    private static final String LINK_SCOPE = "20";

    private LinkLocalAddress() {
    }

    /**
     * The 16 bytes of the interface's own link-local address, as seen from the calling thread's namespace:
     * the first link-scope address that is not {@code virtual}. A virtual router's link-local VIP is never
     * the source: the kernel lists the newest address first, so a VIP left on the interface by a daemon
     * that was killed would otherwise be taken, and then removed as a leftover, and the first advert of the
     * next takeover would fail (EINVAL) while the VIP was added again.
     */
    static Optional<byte[]> of(String interfaceName, Predicate<byte[]> virtual) throws IOException {
        return find(Files.readAllLines(THIS_THREADS_ADDRESSES), interfaceName, virtual);
    }

    /** Lines read "ADDRESS(32 hex) IFINDEX PREFIXLEN SCOPE FLAGS NAME". */
    static Optional<byte[]> find(List<String> ifInet6Lines, String interfaceName, Predicate<byte[]> virtual) {
        for (String line : ifInet6Lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 6 && fields[5].equals(interfaceName) && fields[3].equals(LINK_SCOPE)) {
                byte[] address = HexFormat.of().parseHex(fields[0]);
                if (!virtual.test(address)) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
