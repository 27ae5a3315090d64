package io.hakeeper.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Lines as tcpdump 4.99 prints them with {@code -n -e -tt}, from a soak's switch capture. */
class SoakWireTest {

    @Test
    void advertsOfBothFamiliesAndEchoRepliesAreReadWithTheSendersMac() {
        SoakWire wire = SoakWire.read(List.of(
                "1796537632.100000 02:00:00:00:00:0b > 01:00:5e:00:00:12, ethertype IPv4 (0x0800), length 54: "
                        + "192.0.2.11 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 150, intvl 10cs, length 12",
                "1796537632.200000 02:00:00:00:00:0e > 01:00:5e:00:00:12, ethertype IPv4 (0x0800), length 60: "
                        + "192.0.2.14 > 224.0.0.18: VRRPv2, Advertisement, vrid 52, prio 150, authtype simple, intvl 1s,"
                        + " length 20, addrs: 192.0.2.52 auth \"soak52^@^@\"",
                "1796537632.300000 02:00:00:00:00:0b > 33:33:00:00:00:12, ethertype IPv6 (0x86dd), length 94: "
                        + "fe80::ff:fe00:b > ff02::12: VRRPv3, Advertisement, vrid 53, prio 0, intvl 10cs, length 40",
                "1796537632.400000 02:00:00:00:00:0c > 02:00:00:00:00:64, ethertype IPv4 (0x0800), length 98: "
                        + "192.0.2.51 > 192.0.2.100: ICMP echo reply, id 7, seq 12, length 64",
                "1796537632.500000 02:00:00:00:00:0d > 02:00:00:00:00:64, ethertype IPv6 (0x86dd), length 118: "
                        + "2001:db8::53 > 2001:db8::100: ICMP6, echo reply, id 8, seq 13, length 64",
                "1796537632.600000 02:00:00:00:00:64 > ff:ff:ff:ff:ff:ff, ethertype IPv4 (0x0800), length 98: "
                        + "192.0.2.100 > 192.0.2.51: ICMP echo request, id 7, seq 14, length 64"));

        assertEquals(List.of(new SoakWire.Advert(1796537632_100000L, "02:00:00:00:00:0b", 150)),
                wire.adverts(51, 0, Long.MAX_VALUE));
        assertEquals(List.of(new SoakWire.Advert(1796537632_200000L, "02:00:00:00:00:0e", 150)),
                wire.adverts(52, 0, Long.MAX_VALUE));
        assertEquals(List.of(new SoakWire.Advert(1796537632_300000L, "02:00:00:00:00:0b", 0)),
                wire.adverts(53, 0, Long.MAX_VALUE));
        assertEquals(List.of(new SoakWire.Reply(1796537632_400000L, "02:00:00:00:00:0c", 12)),
                wire.replies("192.0.2.51", 0, Long.MAX_VALUE));
        assertEquals(List.of(new SoakWire.Reply(1796537632_500000L, "02:00:00:00:00:0d", 13)),
                wire.replies("2001:db8::53", 0, Long.MAX_VALUE));
        assertEquals(3, wire.advertCount());
        assertEquals(2, wire.replyCount());
    }

    @Test
    void aWindowTakesWhatFallsInsideItFromItsStartUpToItsEnd() {
        SoakWire wire = SoakWire.read(List.of(10, 20, 30, 40).stream().map(t -> "1796537632.0000" + t
                + " 02:00:00:00:00:0b > 01:00:5e:00:00:12, ethertype IPv4 (0x0800), length 54: 192.0.2.11 > 224.0.0.18:"
                + " VRRPv3, Advertisement, vrid 51, prio 150, intvl 10cs, length 12").toList());
        assertEquals(List.of(1796537632_000020L, 1796537632_000030L),
                wire.adverts(51, 1796537632_000020L, 1796537632_000040L).stream().map(SoakWire.Advert::micros).toList());
    }

    @Test
    void theLongestSilenceCountsTheEdgesOfTheWindow() {
        assertEquals(50, SoakJudge.longestSilence(List.of(110L, 130L), 100, 180));
        assertEquals(30, SoakJudge.longestSilence(List.of(130L, 150L), 100, 160));
        assertEquals(80, SoakJudge.longestSilence(List.of(), 100, 180));
    }
}
