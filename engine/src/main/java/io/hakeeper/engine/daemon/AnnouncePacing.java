package io.hakeeper.engine.daemon;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * keepalived's {@code vrrp_garp_interval} and {@code vrrp_gna_interval}: on one interface, a gratuitous ARP
 * goes out at least the ARP spacing after the previous one, and an unsolicited NA the NA spacing after the
 * previous NA, whichever instance sends them: 1,000 new masters on a segment are paced as one stream, not
 * as 1,000 streams side by side. A zero spacing sends at once. Thread-safe.
 */
final class AnnouncePacing {

    private final long arpSpacingNanos;
    private final long naSpacingNanos;
    /** Per interface and family, the earliest time the next message may go. */
    private final Map<String, Long> nextSlot = new HashMap<>();

    AnnouncePacing(Duration arpSpacing, Duration naSpacing) {
        this.arpSpacingNanos = arpSpacing.toNanos();
        this.naSpacingNanos = naSpacing.toNanos();
    }

    /** Whether messages go at once, unpaced (both spacings zero, keepalived's default). */
    boolean unpaced() {
        return arpSpacingNanos == 0 && naSpacingNanos == 0;
    }

    /**
     * Books the next slot for one message about {@code address} on {@code interfaceName}: the time it is to
     * be sent, never before {@code nowNanos}.
     */
    synchronized long book(String interfaceName, InetAddress address, long nowNanos) {
        boolean ipv6 = address instanceof Inet6Address;
        long spacing = ipv6 ? naSpacingNanos : arpSpacingNanos;
        if (spacing == 0) {
            return nowNanos;
        }
        String key = (ipv6 ? "na " : "arp ") + interfaceName;
        long at = Math.max(nowNanos, nextSlot.getOrDefault(key, Long.MIN_VALUE));
        nextSlot.put(key, at + spacing);
        return at;
    }
}
