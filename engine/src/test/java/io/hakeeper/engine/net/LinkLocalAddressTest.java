package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** The link-local source of IPv6 adverts is found by interface name and link scope among all addresses. */
class LinkLocalAddressTest {

    private static final List<String> IF_INET6 = List.of(
            "00000000000000000000000000000001 01 80 10 80       lo",
            "20010db8000000000000000000000011 02 40 00 80     eth0",
            "fe8000000000000000000000000000aa 03 40 20 80     eth1",
            "fe80000000000000000000fffe00000b 02 40 20 80     eth0");
    private static final Predicate<byte[]> NONE = address -> false;

    @Test
    void theLinkScopeAddressOfTheNamedInterfaceIsChosen() throws Exception {
        assertArrayEquals(InetAddress.getByName("fe80::ff:fe00:b").getAddress(),
                LinkLocalAddress.find(IF_INET6, "eth0", NONE).orElseThrow());
    }

    /**
     * What a daemon restarted after a kill -9 finds: its link-local VIP still on the interface and listed
     * first (the kernel lists the newest address first). Taken as the source, it was removed as a leftover
     * a moment later, and the next takeover's first advert failed (EINVAL) while the other router, not
     * hearing it, kept the VIP: two routers answered for it (soak seed 6523594965500451946).
     */
    @Test
    void aLinkLocalVipIsNeverTheSourceEvenWhenListedFirst() throws Exception {
        byte[] vip = InetAddress.getByName("fe80::53:1").getAddress();
        List<String> afterACrash = List.of(
                "fe800000000000000000000000530001 02 40 20 80     eth0",
                "fe80000000000000000000fffe00000b 02 40 20 80     eth0");
        Predicate<byte[]> virtual = address -> Arrays.equals(address, vip);

        assertArrayEquals(vip, LinkLocalAddress.find(afterACrash, "eth0", NONE).orElseThrow(),
                "the first link-scope address, VIP or not, when no VIP is named");
        assertArrayEquals(InetAddress.getByName("fe80::ff:fe00:b").getAddress(),
                LinkLocalAddress.find(afterACrash, "eth0", virtual).orElseThrow());
        assertEquals(Optional.empty(), LinkLocalAddress.find(afterACrash.subList(0, 1), "eth0", virtual),
                "a VIP is no source even when it is the only link-local address");
    }

    @Test
    void anInterfaceWithoutALinkLocalAddressHasNone() {
        assertEquals(Optional.empty(), LinkLocalAddress.find(IF_INET6, "lo", NONE));
        assertEquals(Optional.empty(), LinkLocalAddress.find(IF_INET6, "eth9", NONE));
    }
}
