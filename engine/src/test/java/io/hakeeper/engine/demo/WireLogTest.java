package io.hakeeper.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class WireLogTest {

    /** tcpdump -r -n -tt output of a takeover, as captured on the lab's switch. */
    private static final String CAPTURE = """
            1795613900.599214 ARP, Request who-has 192.0.2.50 tell 192.0.2.100, length 28
            1795613900.599286 ARP, Reply 192.0.2.50 is-at 02:00:00:00:00:0b, length 28
            1795613901.000000 IP 192.0.2.11 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 150, intvl 10cs, length 12
            1795613904.000100 IP 192.0.2.12 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 0, authtype none, intvl 1s, length 20
            1795613904.065929 IP 192.0.2.12 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 120, authtype none, intvl 1s, length 20
            1795613904.066147 ARP, Request who-has 192.0.2.50 (ff:ff:ff:ff:ff:ff) tell 192.0.2.50, length 28
            1795613904.078579 ARP, Request who-has 192.0.2.100 tell 192.0.2.50, length 28
            """;

    @Test
    void advertsOfBothVersionsAreReadWithSourceVridAndPriority() {
        assertEquals(List.of(new WireLog.Advert(1795613901_000000L, "192.0.2.11", 51, 150),
                new WireLog.Advert(1795613904_000100L, "192.0.2.12", 51, 0),
                new WireLog.Advert(1795613904_065929L, "192.0.2.12", 51, 120)), WireLog.adverts(CAPTURE));
    }

    @Test
    void theNewMastersFirstAdvertIgnoresPriorityZeroAndOtherSenders() {
        assertEquals(1795613904_065929L, WireLog.firstAdvertAfter(WireLog.adverts(CAPTURE), "192.0.2.11",
                1795613902_000000L).orElseThrow().epochMicros());
        assertEquals(1795613904_065929L, WireLog.firstAdvertFrom(WireLog.adverts(CAPTURE), "192.0.2.12",
                1795613902_000000L).orElseThrow().epochMicros());
    }

    @Test
    void onlyAnArpForAnAddressFromThatAddressIsGratuitous() {
        assertEquals(List.of(new WireLog.Garp(1795613904_066147L, "192.0.2.50")), WireLog.garps(CAPTURE));
    }
}
