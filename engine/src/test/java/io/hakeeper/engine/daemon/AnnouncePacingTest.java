package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The slots of keepalived's vrrp_garp_interval and vrrp_gna_interval: per interface, per family. */
class AnnouncePacingTest {

    private static final long MS = 1_000_000L;

    private final AnnouncePacing pacing = new AnnouncePacing(Duration.ofMillis(10), Duration.ofMillis(30));

    @Test
    void messagesOnOneInterfaceTakeSuccessiveSlots() throws Exception {
        InetAddress first = InetAddress.getByName("192.0.2.50");
        InetAddress second = InetAddress.getByName("192.0.2.51");
        assertEquals(100 * MS, pacing.book("eth0", first, 100 * MS));
        assertEquals(110 * MS, pacing.book("eth0", second, 100 * MS));
        assertEquals(120 * MS, pacing.book("eth0", first, 101 * MS));
        // a quiet interface sends at once again
        assertEquals(500 * MS, pacing.book("eth0", first, 500 * MS));
    }

    @Test
    void interfacesAndFamiliesArePacedApart() throws Exception {
        InetAddress ipv4 = InetAddress.getByName("192.0.2.50");
        InetAddress ipv6 = InetAddress.getByName("2001:db8::50");
        assertEquals(0, pacing.book("eth0", ipv4, 0));
        assertEquals(0, pacing.book("eth1", ipv4, 0));
        assertEquals(0, pacing.book("eth0", ipv6, 0));
        assertEquals(30 * MS, pacing.book("eth0", ipv6, 0), "the NA spacing is vrrp_gna_interval");
        assertEquals(10 * MS, pacing.book("eth0", ipv4, 0), "the ARP spacing is vrrp_garp_interval");
    }

    @Test
    void zeroSpacingSendsAtOnce() throws Exception {
        AnnouncePacing unpaced = new AnnouncePacing(Duration.ZERO, Duration.ZERO);
        InetAddress address = InetAddress.getByName("192.0.2.50");
        assertTrue(unpaced.unpaced());
        assertEquals(7, unpaced.book("eth0", address, 7));
        assertEquals(7, unpaced.book("eth0", address, 7));
    }
}
