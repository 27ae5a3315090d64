package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.NamespaceLab;
import io.hakeeper.engine.lab.Tshark;
import io.hakeeper.engine.testsupport.Requirements;

/**
 * Raw VRRP sockets on a real (namespaced) segment: node A sends hand-built VRRPv3 adverts, node B
 * receives them, and tshark on the switch judges what went over the wire.
 */
class RawVrrpSocketTest {

    private static final int VRID = 51;
    private static final int PRIORITY = 150;
    private static final int INTERVAL_CS = 10;
    private static final InetAddress VIP4 = literal("192.0.2.200");
    private static final InetAddress VIP6 = literal("2001:db8::200");
    private static final InetAddress GROUP4 = literal("224.0.0.18");
    private static final InetAddress GROUP6 = literal("ff02::12");

    private static NamespaceLab lab;
    private static LabNode a;
    private static LabNode b;

    private final ByteBuffer into = ByteBuffer.allocateDirect(2048);
    private final ReceivedPacket packet = new ReceivedPacket();
    private RawVrrpSocket a4;
    private RawVrrpSocket b4;
    private RawVrrpSocket a6;
    private RawVrrpSocket b6;

    @BeforeAll
    static void buildLab() {
        Requirements.requireRoot();
        Requirements.requireTool("ip");
        Requirements.requireTool("sysctl");
        Requirements.requireTool("tcpdump");
        Requirements.requireTool("tshark");
        lab = NamespaceLab.create(2);
        a = lab.node(1);
        b = lab.node(2);
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void openSockets() throws Exception {
        a4 = open(a, Family.IPV4);
        b4 = open(b, Family.IPV4);
        a6 = open(a, Family.IPV6);
        b6 = open(b, Family.IPV6);
    }

    @AfterEach
    void closeSockets() {
        for (RawVrrpSocket socket : new RawVrrpSocket[] {a4, b4, a6, b6}) {
            if (socket != null) {
                socket.close();
            }
        }
    }

    @Test
    void ipv4MulticastAdvertReachesThePeerWithTtl255AndNotTheSender() {
        ByteBuffer advert = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv4(), GROUP4, VIP4);

        assertEquals(IoStatus.DONE, a4.send(advert, GROUP4.getAddress(), a.ipv4().getAddress()), () -> String.valueOf(a4.lastError()));

        assertReceived(b4, advert, a.ipv4(), GROUP4);
        assertEquals(20, packet.payloadOffset(), "IPv4 receive keeps the IP header in front");
        assertNothingFor(a4, "the sender heard its own multicast advert: loop is not off");
    }

    @Test
    void ipv6MulticastAdvertComesFromTheLinkLocalWithHopLimit255AndNotBackToTheSender() {
        ByteBuffer advert = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6LinkLocal(), GROUP6, VIP6);

        assertEquals(IoStatus.DONE, a6.send(advert, GROUP6.getAddress(), a.ipv6LinkLocal().getAddress()), () -> String.valueOf(a6.lastError()));

        assertReceived(b6, advert, a.ipv6LinkLocal(), GROUP6);
        assertEquals(0, packet.payloadOffset(), "IPv6 receive starts at the VRRP header");
        assertNothingFor(a6, "the sender heard its own multicast advert: loop is not off");
    }

    @Test
    void ipv4UnicastAdvertFromTheGivenSourceArrivesAtThePeer() {
        ByteBuffer advert = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv4(), b.ipv4(), VIP4);

        assertEquals(IoStatus.DONE, a4.send(advert, b.ipv4().getAddress(), a.ipv4().getAddress()));

        assertReceived(b4, advert, a.ipv4(), b.ipv4());
    }

    @Test
    void ipv6UnicastAdvertFromTheGivenSourceArrivesAtThePeer() {
        ByteBuffer advert = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6(), b.ipv6(), VIP6);

        assertEquals(IoStatus.DONE, a6.send(advert, b.ipv6().getAddress(), a.ipv6().getAddress()),
                () -> String.valueOf(a6.lastError()));

        assertReceived(b6, advert, a.ipv6(), b.ipv6());
    }

    @Test
    void aMulticastAdvertLeavesFromTheSourceItIsGivenNotTheOneTheKernelWouldPick() {
        // a secondary IPv4 address and a second link-local address: never the kernel's choice for the group
        InetAddress secondary4 = literal("192.0.2.31");
        InetAddress secondLinkLocal = literal("fe80::1:31");
        addAddress(a, "192.0.2.31/24");
        addAddress(a, "fe80::1:31/64");
        try {
            ByteBuffer advert4 = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, secondary4, GROUP4, VIP4);
            ByteBuffer advert6 = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, secondLinkLocal, GROUP6, VIP6);

            assertEquals(IoStatus.DONE, a4.send(advert4, GROUP4.getAddress(), secondary4.getAddress()),
                    () -> String.valueOf(a4.lastError()));
            assertReceived(b4, advert4, secondary4, GROUP4);
            assertEquals(IoStatus.DONE, a6.send(advert6, GROUP6.getAddress(), secondLinkLocal.getAddress()),
                    () -> String.valueOf(a6.lastError()));
            assertEquals(secondLinkLocal, withoutScope(receivedSource(b6)));
        } finally {
            deleteAddress(a, "192.0.2.31/24");
            deleteAddress(a, "fe80::1:31/64");
        }
    }

    @Test
    void anAdvertFromAnAddressTheHostDoesNotHaveFailsNamingItAndNothingLeaves() {
        InetAddress foreign4 = literal("192.0.2.99");
        InetAddress foreign6 = literal("fe80::99");
        ByteBuffer advert4 = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, foreign4, GROUP4, VIP4);
        ByteBuffer advert6 = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, foreign6, GROUP6, VIP6);

        assertEquals(IoStatus.FAILED, a4.send(advert4, GROUP4.getAddress(), foreign4.getAddress()));
        assertSendFailureNames(a4.lastError(), "eth0 from 192.0.2.99");
        assertEquals(IoStatus.FAILED, a6.send(advert6, GROUP6.getAddress(), foreign6.getAddress()));
        assertSendFailureNames(a6.lastError(), "eth0 from fe80:0:0:0:0:0:0:99");

        assertNothingFor(b4, "an IPv4 advert left from another source");
        assertNothingFor(b6, "an IPv6 advert left from another source");
    }

    @Test
    void anUnspecifiedSourceIsRefusedRatherThanLeftToTheKernelsChoice() {
        ByteBuffer advert = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, literal("0.0.0.0"), GROUP4, VIP4);

        assertEquals(IoStatus.FAILED, a4.send(advert, GROUP4.getAddress(), new byte[4]));
        assertEquals(99, a4.lastError().errno(), a4.lastError().toString()); // EADDRNOTAVAIL
        assertEquals(IoStatus.FAILED, a6.send(advert, GROUP6.getAddress(), new byte[16]));

        assertNothingFor(b4, "an advert without a source left all the same");
    }

    @Test
    void everyAdvertOnTheWireHasAValidChecksumForTsharkAndHopLimit255() throws Exception {
        Path pcap;
        try (Capture capture = lab.captureSwitch("ip proto 112 or ip6 proto 112")) {
            a4.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv4(), GROUP4, VIP4), GROUP4.getAddress(),
                    a.ipv4().getAddress());
            a6.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6LinkLocal(), GROUP6, VIP6), GROUP6.getAddress(),
                    a.ipv6LinkLocal().getAddress());
            a4.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv4(), b.ipv4(), VIP4),
                    b.ipv4().getAddress(), a.ipv4().getAddress());
            a6.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6LinkLocal(), b.ipv6(), VIP6),
                    b.ipv6().getAddress(), a.ipv6LinkLocal().getAddress());
            // the packets have reached B, so they have crossed the bridge and are in the capture
            for (RawVrrpSocket socket : new RawVrrpSocket[] {b4, b6, b4, b6}) {
                receiveWithin(socket, 1000);
            }
            pcap = capture.stop();
        }

        assertTrue(Files.size(pcap) > 0, "empty capture");
        assertEquals(4, Tshark.count(pcap, "vrrp"));
        assertEquals(4, Tshark.count(pcap, "vrrp.version == 3 && vrrp.type == 1 && vrrp.virt_rtr_id == " + VRID
                + " && vrrp.prio == " + PRIORITY));
        assertEquals(4, Tshark.count(pcap, "vrrp.checksum.status == 1"));
        assertEquals(2, Tshark.count(pcap, "vrrp && ip.ttl == 255"));
        assertEquals(2, Tshark.count(pcap, "vrrp && ipv6.hlim == 255 && ipv6.src == " + a.ipv6LinkLocal()
                .getHostAddress().replaceAll("%.*", "")));
    }

    @Test
    void openingOnAMissingInterfaceNamesIfNametoindexAndEnodev() {
        NativeCallException thrown = assertThrows(NativeCallException.class,
                () -> NetworkNamespace.call(a.namespace(), () -> RawVrrpSocket.open(Family.IPV4, "nosuch0",
                        RawVrrpSocket.VRRP_PROTOCOL)));

        assertEquals(NativeCall.IF_NAMETOINDEX, thrown.error().call());
        assertEquals(19, thrown.error().errno(), thrown.getMessage()); // ENODEV
    }

    @Test
    void sendingOnALinkThatIsDownReturnsTheErrnoInsteadOfThrowing() {
        ByteBuffer advert = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv4(), GROUP4, VIP4);
        lab.linkDown(a);
        try {
            assertEquals(IoStatus.FAILED, a4.send(advert, GROUP4.getAddress(), a.ipv4().getAddress()));

            SocketError error = a4.lastError();
            assertNotNull(error);
            assertEquals(NativeCall.SENDMSG, error.call());
            // ENETUNREACH rather than ENETDOWN: a link going down takes its routes along, multicast's too
            assertEquals(101, error.errno(), error.toString());
        } finally {
            lab.linkUp(a);
        }
    }

    @Test
    void pollerWakesForAWaitingAdvertAndTimesOutWhenThereIsNone() {
        try (Poller poller = new Poller(2)) {
            int slot4 = poller.add(b4.fd());
            int slot6 = poller.add(b6.fd());

            assertEquals(0, poller.poll(50));

            a6.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6LinkLocal(), GROUP6, VIP6),
                    GROUP6.getAddress(), a.ipv6LinkLocal().getAddress());
            assertEquals(1, poller.poll(1000));
            assertFalse(poller.isReadable(slot4));
            assertTrue(poller.isReadable(slot6));
        }
    }

    @Test
    void anAdvertWakesTheLoopsPollWaiter() throws Exception {
        try (PollWaiter waiter = new PollWaiter(1)) {
            int slot = waiter.watch(b4.fd());
            a4.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv4(), GROUP4, VIP4), GROUP4.getAddress(),
                    a.ipv4().getAddress());

            long start = System.nanoTime();
            long now = System.nanoTime();
            waiter.await(now + TimeUnit.SECONDS.toNanos(5), now);

            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "the advert did not wake the waiter");
            assertTrue(waiter.isReadable(slot));
            assertEquals(IoStatus.DONE, b4.receive(into, packet));
        }
    }

    @Test
    void aBatchReceiveTakesEveryWaitingAdvertInOrderEachInItsOwnBufferAndThenFindsNone() throws Exception {
        ReceiveBatch batch = new ReceiveBatch(4);
        for (int priority = 1; priority <= 6; priority++) {
            assertEquals(IoStatus.DONE, a4.send(HandBuiltAdvert.v3(VRID, priority, INTERVAL_CS, a.ipv4(), GROUP4, VIP4),
                    GROUP4.getAddress(), a.ipv4().getAddress()), () -> String.valueOf(a4.lastError()));
        }

        java.util.List<Integer> priorities = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (priorities.size() < 6 && System.nanoTime() < deadline) {
            IoStatus status = b4.receive(batch);
            if (status == IoStatus.WOULD_BLOCK) {
                assertEquals(0, batch.count());
                awaitReadable(b4); // the rest is still on its way through the bridge
                continue;
            }
            assertEquals(IoStatus.DONE, status, () -> String.valueOf(b4.lastError()));
            assertTrue(batch.count() >= 1 && batch.count() <= 4, "count " + batch.count());
            for (int i = 0; i < batch.count(); i++) {
                ReceivedPacket received = batch.packet(i);
                assertEquals(a.ipv4(), received.sourceAddress());
                assertEquals(GROUP4, received.destinationAddress());
                assertEquals(255, received.hopLimit());
                assertEquals(20, received.payloadOffset());
                assertFalse(received.truncated());
                ByteBuffer buffer = batch.buffer(i);
                assertEquals(0, buffer.position());
                assertEquals(received.length(), buffer.limit());
                priorities.add(buffer.get(received.payloadOffset() + 2) & 0xff); // the VRRP priority byte
            }
        }

        assertEquals(java.util.List.of(1, 2, 3, 4, 5, 6), priorities, "adverts lost, repeated or out of order");
        assertEquals(IoStatus.WOULD_BLOCK, b4.receive(batch), "an empty queue gave a packet");
        assertEquals(0, batch.count());
    }

    @Test
    void anAdvertReadLateIsTimedFromItsArrivalNotFromTheRead() throws Exception {
        ArrivalClock arrivals = ArrivalClock.system();
        for (RawVrrpSocket[] pair : new RawVrrpSocket[][] {{a4, b4}, {a6, b6}}) {
            ReceiveBatch batch = new ReceiveBatch(1);
            boolean ipv6 = pair[0] == a6;
            long sentAt = System.nanoTime();
            IoStatus sent = ipv6
                    ? pair[0].send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6LinkLocal(), GROUP6, VIP6),
                            GROUP6.getAddress(), a.ipv6LinkLocal().getAddress())
                    : pair[0].send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv4(), GROUP4, VIP4),
                            GROUP4.getAddress(), a.ipv4().getAddress());
            assertEquals(IoStatus.DONE, sent);
            awaitReadable(pair[1]);
            Thread.sleep(200); // the loop busy elsewhere
            long readAt = System.nanoTime();
            assertEquals(IoStatus.DONE, pair[1].receive(batch), () -> String.valueOf(pair[1].lastError()));
            long stamp = batch.packet(0).arrivedAtRealtimeNanos();
            assertTrue(stamp > 0, "no arrival stamp from the kernel");
            arrivals.wokeUp();
            long arrival = arrivals.arrival(stamp, readAt);
            // the offset between the clocks is read in a microsecond: a millisecond is an honest margin
            assertTrue(arrival >= sentAt - TimeUnit.MILLISECONDS.toNanos(1) && arrival < readAt - TimeUnit.MILLISECONDS.toNanos(100),
                    (ipv6 ? "IPv6" : "IPv4") + ": arrived " + (arrival - sentAt) / 1000 + " us after the send, read "
                            + (readAt - sentAt) / 1000 + " us after it");
        }
    }

    @Test
    void eachPacketOfAnIpv6BatchHasItsOwnDestinationAndHopLimitFromItsOwnControlMessages() throws Exception {
        ReceiveBatch batch = new ReceiveBatch(4);
        a6.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6LinkLocal(), GROUP6, VIP6), GROUP6.getAddress(),
                a.ipv6LinkLocal().getAddress());
        a6.send(HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, a.ipv6(), b.ipv6(), VIP6), b.ipv6().getAddress(),
                a.ipv6().getAddress());

        java.util.List<InetAddress> destinations = new java.util.ArrayList<>();
        java.util.List<InetAddress> sources = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (destinations.size() < 2 && System.nanoTime() < deadline) {
            if (b6.receive(batch) != IoStatus.DONE) {
                awaitReadable(b6);
                continue;
            }
            for (int i = 0; i < batch.count(); i++) {
                assertEquals(255, batch.packet(i).hopLimit());
                assertEquals(0, batch.packet(i).payloadOffset());
                destinations.add(withoutScope(batch.packet(i).destinationAddress()));
                sources.add(withoutScope(batch.packet(i).sourceAddress()));
            }
        }

        assertEquals(java.util.List.of(withoutScope(GROUP6), withoutScope(b.ipv6())), destinations);
        assertEquals(java.util.List.of(withoutScope(a.ipv6LinkLocal()), withoutScope(a.ipv6())), sources);
    }

    @Test
    void aPacketLongerThanABatchBufferIsCutAndSaidToBe() throws Exception {
        ReceiveBatch batch = new ReceiveBatch(2);
        ByteBuffer oversized = ByteBuffer.allocateDirect(ReceiveBatch.PACKET_BYTES + 1000); // fragmented on the way

        assertEquals(IoStatus.DONE, a4.send(oversized, b.ipv4().getAddress(), a.ipv4().getAddress()),
                () -> String.valueOf(a4.lastError()));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (b4.receive(batch) != IoStatus.DONE && System.nanoTime() < deadline) {
            awaitReadable(b4);
        }
        assertEquals(1, batch.count(), "the oversized packet did not arrive");
        assertTrue(batch.packet(0).truncated(), "a cut packet was not flagged");
        assertEquals(ReceiveBatch.PACKET_BYTES, batch.packet(0).length());
        assertEquals(ReceiveBatch.PACKET_BYTES, batch.buffer(0).limit());
    }

    /**
     * A raw socket hears every VRRP packet of the namespace from socket(2) until SO_BINDTODEVICE takes hold:
     * what it queued in between must not reach an instance as if it came in on the interface. Adverts are
     * flooded over {@code lo} while sockets bound to eth0 are opened again and again; none may hand one out.
     */
    @Test
    void aSocketHandsOutNothingThatArrivedOnAnotherInterfaceBeforeItWasBound() throws Exception {
        InetAddress loopback = literal("127.0.0.1");
        ByteBuffer advert = HandBuiltAdvert.v3(VRID, PRIORITY, INTERVAL_CS, loopback, loopback, VIP4);
        RawVrrpSocket flooder = NetworkNamespace.call(b.namespace(),
                () -> RawVrrpSocket.open(Family.IPV4, "lo", RawVrrpSocket.VRRP_PROTOCOL));
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread flood = new Thread(() -> {
            while (flooding.get()) {
                flooder.send(advert, loopback.getAddress(), loopback.getAddress());
            }
        }, "lo-flood");
        flood.start();
        int leaked = 0;
        try {
            for (int i = 0; i < 200; i++) {
                RawVrrpSocket bound = open(b, Family.IPV4);
                try {
                    while (bound.receive(into, packet) == IoStatus.DONE) {
                        // drained at open, or known for what it is: one in flight as the bind took hold
                        if (packet.sourceAddress().equals(loopback) && !packet.otherInterface()) {
                            leaked++;
                        }
                    }
                } finally {
                    bound.close();
                }
            }
        } finally {
            flooding.set(false);
            flood.join(5000);
            flooder.close();
        }
        assertEquals(0, leaked, "adverts that came in on lo were handed out by sockets bound to eth0, not marked");
    }

    private void assertReceived(RawVrrpSocket socket, ByteBuffer sent, InetAddress source, InetAddress destination) {
        assertEquals(IoStatus.DONE, receiveWithin(socket, 1000), "nothing received on " + socket);
        assertFalse(packet.truncated());
        assertEquals(source, packet.sourceAddress());
        assertEquals(withoutScope(destination), withoutScope(packet.destinationAddress()));
        assertEquals(255, packet.hopLimit());
        ByteBuffer payload = into.duplicate().position(packet.payloadOffset());
        assertEquals(sent.duplicate(), payload, "the VRRP message arrived changed");
    }

    private InetAddress receivedSource(RawVrrpSocket socket) {
        assertEquals(IoStatus.DONE, receiveWithin(socket, 1000), "nothing received on " + socket);
        return packet.sourceAddress();
    }

    private static void assertSendFailureNames(SocketError error, String detail) {
        assertNotNull(error);
        assertEquals(NativeCall.SENDMSG, error.call());
        assertEquals(detail, error.detail(), error.toString());
    }

    private static void addAddress(LabNode node, String address) {
        // IPv6 nodad: usable at once, where duplicate address detection would hold it back for a while
        CommandResult added = address.contains(":")
                ? lab.exec(node, "ip", "addr", "add", address, "dev", node.interfaceName(), "nodad")
                : lab.exec(node, "ip", "addr", "add", address, "dev", node.interfaceName());
        assertEquals(0, added.exitCode(), added::describe);
    }

    private static void deleteAddress(LabNode node, String address) {
        lab.exec(node, "ip", "addr", "del", address, "dev", node.interfaceName());
    }

    private void assertNothingFor(RawVrrpSocket socket, String message) {
        assertEquals(IoStatus.WOULD_BLOCK, receiveWithin(socket, 200), message);
    }

    /** Polls until a packet is received or the time is up; the result is in {@link #into}/{@link #packet}. */
    private IoStatus receiveWithin(RawVrrpSocket socket, int millis) {
        try (Poller poller = new Poller(1)) {
            poller.add(socket.fd());
            long deadline = System.nanoTime() + millis * 1_000_000L;
            IoStatus status = socket.receive(into, packet);
            while (status == IoStatus.WOULD_BLOCK && System.nanoTime() < deadline) {
                poller.poll((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                status = socket.receive(into, packet);
            }
            return status;
        }
    }

    private static void awaitReadable(RawVrrpSocket socket) {
        try (Poller poller = new Poller(1)) {
            poller.add(socket.fd());
            poller.poll(100);
        }
    }

    private static RawVrrpSocket open(LabNode node, Family family) throws Exception {
        return NetworkNamespace.call(node.namespace(),
                () -> RawVrrpSocket.open(family, node.interfaceName(), RawVrrpSocket.VRRP_PROTOCOL));
    }

    private static InetAddress withoutScope(InetAddress address) {
        return literal(address.getHostAddress().replaceAll("%.*", ""));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
