package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/** What the peer table keeps of the adverts heard on one VRID, as ha-admin peers and instance show it. */
class PeerTableTest {

    private final PeerTable peers = new PeerTable();
    private final AdvertView view = new AdvertView();
    private final ByteBuffer packet = ByteBuffer.allocateDirect(256);

    @Test
    void oneRouterHeardTwiceIsOnePeerWithItsLatestAdvert() throws UnknownHostException {
        hearIpv4("192.0.2.20", 200, 100, AdvertVerdict.ACCEPTED, 1_000);
        hearIpv4("192.0.2.20", 150, 50, AdvertVerdict.ACCEPTED_ADDRESS_LIST_MISMATCH, 2_000);

        List<PeerTable.Peer> heard = peers.snapshot();
        assertEquals(1, heard.size());
        PeerTable.Peer peer = heard.get(0);
        assertArrayEquals(InetAddress.getByName("192.0.2.20").getAddress(), peer.address());
        assertEquals(150, peer.priority());
        assertEquals(50, peer.intervalCentiseconds());
        assertEquals(2_000, peer.heardAtNanos());
        assertTrue(peer.accepted());
        assertEquals(AdvertVerdict.ACCEPTED_ADDRESS_LIST_MISMATCH, peer.verdict());
        assertEquals(2, peer.adverts());
    }

    @Test
    void anIpv6SourceIsKeptWhole() throws UnknownHostException {
        byte[] source = InetAddress.getByName("2001:db8::1:2:3:4").getAddress();
        AdvertEncoder encoder = new AdvertEncoder(new AdvertSpec(3, Family.IPV6, 7, 100,
                List.of(InetAddress.getByName("2001:db8::100")), false), Optional.empty());
        byte[] group = InetAddress.getByName("ff02::12").getAddress();
        int length = encoder.encodeMessage(packet, 0, 254, source, group);
        view.wrapIpv6(packet, 0, length, source, group, 255);
        peers.record(view, AdvertVerdict.BAD_TTL, 5);

        PeerTable.Peer peer = peers.snapshot().get(0);
        assertArrayEquals(source, peer.address());
        assertEquals(254, peer.priority());
        assertFalse(peer.accepted());
        assertEquals(AdvertVerdict.BAD_TTL, peer.verdict());
        assertEquals(Optional.empty(), peers.master(), "a rejected advert names no master");
    }

    @Test
    void theOldestRouterGivesWayWhenEverySlotIsTaken() throws UnknownHostException {
        for (int i = 0; i < PeerTable.SLOTS; i++) {
            // the router heard at time 0 is the fourth; the others later
            hearIpv4("192.0.2." + (10 + i), 100, 100, AdvertVerdict.ACCEPTED, i == 3 ? 0 : 100 + i);
        }
        hearIpv4("192.0.2.99", 100, 100, AdvertVerdict.ACCEPTED, 1_000);

        List<PeerTable.Peer> heard = peers.snapshot();
        assertEquals(PeerTable.SLOTS, heard.size());
        assertArrayEquals(InetAddress.getByName("192.0.2.99").getAddress(), heard.get(3).address());
        assertEquals(1, heard.get(3).adverts(), "the new router's count starts afresh");
    }

    @Test
    void theMasterIsWhoeverLastClaimedItInAnAcceptedAdvert() throws UnknownHostException {
        hearIpv4("192.0.2.20", 200, 100, AdvertVerdict.ACCEPTED, 1);
        assertArrayEquals(InetAddress.getByName("192.0.2.20").getAddress(), peers.master().orElseThrow().address());

        hearIpv4("192.0.2.30", 250, 100, AdvertVerdict.BAD_CHECKSUM, 2);
        assertArrayEquals(InetAddress.getByName("192.0.2.20").getAddress(), peers.master().orElseThrow().address(),
                "a rejected advert takes nothing over");

        hearIpv4("192.0.2.20", 0, 100, AdvertVerdict.ACCEPTED, 3);
        assertEquals(Optional.empty(), peers.master(), "the master resigned");

        hearIpv4("192.0.2.30", 250, 100, AdvertVerdict.ACCEPTED, 4);
        peers.forgetMaster();
        assertEquals(Optional.empty(), peers.master(), "we became master ourselves");
    }

    private void hearIpv4(String from, int priority, int intervalCs, AdvertVerdict verdict, long at)
            throws UnknownHostException {
        AdvertEncoder encoder = new AdvertEncoder(new AdvertSpec(3, Family.IPV4, 7, intervalCs,
                List.of(InetAddress.getByName("192.0.2.100")), false), Optional.empty());
        int length = encoder.encodeIpv4Packet(packet, 0, priority, InetAddress.getByName(from).getAddress(),
                InetAddress.getByName("224.0.0.18").getAddress());
        assertEquals(AdvertVerdict.ACCEPTED, view.wrapIpv4(packet, 0, length));
        peers.record(view, verdict, at);
    }
}
