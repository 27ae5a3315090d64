package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The link-local source of IPv6 adverts is found by interface name and link scope among all addresses. */
class LinkLocalAddressTest {

    private static final List<String> IF_INET6 = List.of(
            "00000000000000000000000000000001 01 80 10 80       lo",
            "20010db8000000000000000000000011 02 40 00 80     eth0",
            "fe8000000000000000000000000000aa 03 40 20 80     eth1",
            "fe80000000000000000000fffe00000b 02 40 20 80     eth0");

    @Test
    void theLinkScopeAddressOfTheNamedInterfaceIsChosen() throws Exception {
        assertArrayEquals(InetAddress.getByName("fe80::ff:fe00:b").getAddress(),
                LinkLocalAddress.find(IF_INET6, "eth0").orElseThrow());
    }

    @Test
    void anInterfaceWithoutALinkLocalAddressHasNone() {
        assertEquals(Optional.empty(), LinkLocalAddress.find(IF_INET6, "lo"));
        assertEquals(Optional.empty(), LinkLocalAddress.find(IF_INET6, "eth9"));
    }
}
