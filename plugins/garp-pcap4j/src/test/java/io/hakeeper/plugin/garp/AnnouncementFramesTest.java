package io.hakeeper.plugin.garp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The frames on bytes alone, field by field as keepalived 2.x writes them. */
class AnnouncementFramesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAC = HEX.parseHex("020000000a01");

    @Test
    void gratuitousArpIsABroadcastRequestForTheVipFromTheVip() throws UnknownHostException {
        byte[] frame = AnnouncementFrames.gratuitousArp(MAC, (Inet4Address) InetAddress.getByName("192.0.2.100"));

        assertEquals(HEX.formatHex(HEX.parseHex(
                "ffffffffffff" + "020000000a01" + "0806"      // Ethernet: to broadcast, from us, ARP
                + "0001" + "0800" + "06" + "04" + "0001"      // Ethernet/IPv4, request
                + "020000000a01" + "c0000264"                 // sender: our MAC, the VIP
                + "ffffffffffff" + "c0000264")),              // target: broadcast MAC, the VIP
                HEX.formatHex(frame));
    }

    @Test
    void unsolicitedAdvertIsFromTheVipToAllNodesWithOverrideAndOurMac() throws UnknownHostException {
        byte[] frame = AnnouncementFrames.unsolicitedNeighbourAdvert(MAC, vip6(), false);

        assertEquals(AnnouncementFrames.NA_FRAME_LENGTH, frame.length);
        assertEquals("333300000001" + "020000000a01" + "86dd", HEX.formatHex(frame, 0, 14));
        assertEquals("60000000" + "0020" + "3a" + "ff", HEX.formatHex(frame, 14, 22), "IPv6: 32 bytes of ICMPv6, hop limit 255");
        assertArrayEquals(vip6().getAddress(), Arrays.copyOfRange(frame, 22, 38), "source is the VIP");
        assertEquals("ff020000000000000000000000000001", HEX.formatHex(frame, 38, 54), "to all nodes");
        assertEquals(136, frame[54] & 0xff, "type: neighbour advertisement");
        assertEquals(0, frame[55], "code");
        assertEquals("20000000", HEX.formatHex(frame, 58, 62), "Override only: not Solicited, not Router");
        assertArrayEquals(vip6().getAddress(), Arrays.copyOfRange(frame, 62, 78), "target is the VIP");
        assertEquals("0201" + "020000000a01", HEX.formatHex(frame, 78, 86), "Target Link-Layer Address option");
    }

    @Test
    void advertFromAForwardingInterfaceCarriesTheRouterFlag() throws UnknownHostException {
        byte[] frame = AnnouncementFrames.unsolicitedNeighbourAdvert(MAC, vip6(), true);

        assertEquals(0xa0, frame[58] & 0xff, "Router and Override");
    }

    @Test
    void advertChecksumVerifiesOverThePseudoHeader() throws UnknownHostException {
        for (boolean router : new boolean[] {false, true}) {
            byte[] frame = AnnouncementFrames.unsolicitedNeighbourAdvert(MAC, vip6(), router);
            byte[] source = Arrays.copyOfRange(frame, 22, 38);
            byte[] destination = Arrays.copyOfRange(frame, 38, 54);
            // a receiver sums everything, checksum included, and must get 0xffff: its complement is 0
            assertEquals(0, AnnouncementFrames.icmpv6Checksum(frame, 54, source, destination));
        }
    }

    @Test
    void checksumMatchesAHandComputedValue() {
        // RFC 1071's example words 0001 f203 f4f5 f6f7 sum to ddf2, complement 220d; the pseudo-header is
        // made of zeros here but for its length (8) and next header (58): 0xddf2 + 8 + 58 = 0xde34 -> 0x21cb
        byte[] message = HEX.parseHex("0001f203f4f5f6f7");
        assertEquals((short) 0x21cb, AnnouncementFrames.icmpv6Checksum(message, 0, new byte[16], new byte[16]));
    }

    @Test
    void anInterfaceWithoutAnEthernetAddressIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> AnnouncementFrames.gratuitousArp(new byte[0], (Inet4Address) InetAddress.getByName("192.0.2.100")));
    }

    private static Inet6Address vip6() throws UnknownHostException {
        return (Inet6Address) InetAddress.getByName("2001:db8::100");
    }
}
