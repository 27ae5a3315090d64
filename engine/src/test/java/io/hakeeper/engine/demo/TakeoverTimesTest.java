package io.hakeeper.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TakeoverTimesTest {

    /** tcpdump -r -n -tt of a takeover trial: node1 resigns, node2 takes over, crashes, node3 takes over. */
    private static final String CAPTURE = """
            1796547905.929967 IP 192.0.2.11 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 150, intvl 10cs, length 12
            1796547906.086157 IP 192.0.2.11 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 0, intvl 10cs, length 12
            1796547906.147421 IP 192.0.2.12 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 100, intvl 10cs, length 12
            1796547906.152000 ARP, Request who-has 192.0.2.50 (ff:ff:ff:ff:ff:ff) tell 192.0.2.50, length 28
            1796547906.965103 IP 192.0.2.12 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 100, intvl 10cs, length 12
            1796547907.345800 IP 192.0.2.13 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 50, intvl 10cs, length 12
            1796547907.346100 ARP, Request who-has 192.0.2.50 (ff:ff:ff:ff:ff:ff) tell 192.0.2.50, length 28
            """;
    private static final long CRASH = 1796547907_000000L;

    @Test
    void bothTakeoversAreTimedFromPacketToPacket() {
        TakeoverTimes times = TakeoverTimes.measure(CAPTURE, "192.0.2.11", "192.0.2.12", CRASH, "192.0.2.50");

        assertEquals(List.of(), times.problems());
        assertEquals(Optional.of(new TakeoverTimes.Takeover(61_264, "192.0.2.12", true)), times.graceful());
        assertEquals(Optional.of(new TakeoverTimes.Takeover(380_697, "192.0.2.13", true)), times.crash());
        assertEquals(Optional.of(300L), times.garpAfterCrashAdvert());
    }

    @Test
    void aSuccessorThatWasMasterBeforeIsNotCold() {
        String earlier = "1796547900.000000 IP 192.0.2.13 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 50, intvl 10cs,"
                + " length 12\n";
        TakeoverTimes times = TakeoverTimes.measure(earlier + CAPTURE, "192.0.2.11", "192.0.2.12", CRASH, "192.0.2.50");

        assertFalse(times.crash().orElseThrow().cold());
        assertTrue(times.graceful().orElseThrow().cold());
    }

    /** Its link goes down some time after the crash's timestamp: an advert sent meanwhile is its last one. */
    @Test
    void anAdvertOfTheCrashedMasterBeforeItsLinkWentDownIsItsLast() {
        String late = "1796547907.000500 IP 192.0.2.12 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 100, intvl 10cs,"
                + " length 12\n";
        TakeoverTimes times = TakeoverTimes.measure(CAPTURE.replace("1796547907.345800 ", late + "1796547907.345800 "),
                "192.0.2.11", "192.0.2.12", CRASH, "192.0.2.50");

        assertEquals(List.of(), times.problems());
        assertEquals(345_300, times.crash().orElseThrow().micros());
    }

    @Test
    void aCrashedMasterThatSaidGoodbyeLeavesNoCrashFigure() {
        String goodbye = "1796547907.000500 IP 192.0.2.12 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 0, intvl 10cs,"
                + " length 12\n";
        TakeoverTimes times = TakeoverTimes.measure(CAPTURE.replace("1796547907.345800 ", goodbye + "1796547907.345800 "),
                "192.0.2.11", "192.0.2.12", CRASH, "192.0.2.50");

        assertEquals(Optional.empty(), times.crash());
        assertEquals(List.of("192.0.2.12 sent a priority-0 advert 500 us after its crash"), times.problems());
    }

    @Test
    void percentilesAreNearestRankWithTheSpread() {
        Percentiles p = Percentiles.of(List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L));
        assertEquals(new Percentiles(10, 1, 5, 9, 10), p);
        assertEquals(9, p.spread());
    }
}
