package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.NamespaceLab;
import io.hakeeper.engine.testsupport.Requirements;

/**
 * The advert send and receive path allocates nothing per packet in steady state. Measured
 * with the JVM's per-thread allocation counter over many multicast adverts between two lab nodes.
 */
class HotPathAllocationTest {

    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 20_000;
    /** Slack for a one-off allocation (a JIT deoptimisation, a lazily initialised class), not per packet. */
    private static final long TOLERATED_BYTES = 16 * 1024;

    private static NamespaceLab lab;

    @BeforeAll
    static void buildLab() throws Exception {
        Requirements.requireRoot();
        Requirements.requireTool("ip");
        Requirements.requireTool("sysctl");
        lab = NamespaceLab.create(2);
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void sendingAndReceivingAdvertsAllocatesNothingPerPacket(Family family) throws Exception {
        try (RawVrrpSocket sender = open(lab.node(1), family); RawVrrpSocket receiver = open(lab.node(2), family)) {
            measure(family, sender, receiver);
        }
    }

    private static void measure(Family family, RawVrrpSocket sender, RawVrrpSocket receiver) throws Exception {
        InetAddress source = family == Family.IPV6 ? lab.node(1).ipv6LinkLocal() : lab.node(1).ipv4();
        InetAddress group = InetAddress.getByName(family == Family.IPV6 ? "ff02::12" : "224.0.0.18");
        ByteBuffer advert = HandBuiltAdvert.v3(7, 100, 10, source, group,
                InetAddress.getByName(family == Family.IPV6 ? "2001:db8::200" : "192.0.2.200"));
        byte[] from = source.getAddress();
        byte[] to = group.getAddress();
        ReceiveBatch batch = new ReceiveBatch(8);
        try (Poller poller = new Poller(1)) {
            poller.add(receiver.fd());
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

            exchange(WARM_UP, sender, receiver, advert, from, to, batch, poller);
            long before = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            exchange(MEASURED, sender, receiver, advert, from, to, batch, poller);
            long elapsed = System.nanoTime() - start;
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            System.out.printf("hot path, %s: %d adverts sent, polled for and received, %d bytes allocated in all, "
                    + "%.1f us per advert%n", family, MEASURED, allocated, elapsed / 1000.0 / MEASURED);
            assertTrue(allocated < TOLERATED_BYTES, allocated + " bytes allocated for " + MEASURED + " adverts");
        }
    }

    private static void exchange(int adverts, RawVrrpSocket sender, RawVrrpSocket receiver, ByteBuffer advert,
            byte[] from, byte[] to, ReceiveBatch batch, Poller poller) {
        for (int i = 0; i < adverts; i++) {
            assertEquals(IoStatus.DONE, sender.send(advert, to, from));
            IoStatus received;
            do {
                poller.poll(1000);
                received = receiver.receive(batch); // as the daemon's loop reads
            } while (received == IoStatus.WOULD_BLOCK);
            assertEquals(IoStatus.DONE, received);
            assertEquals(1, batch.count());
            ARRIVALS.wokeUp();
            ARRIVALS.arrival(batch.packet(0).arrivedAtRealtimeNanos(), System.nanoTime()); // as the daemon's reader times it
        }
    }

    private static final ArrivalClock ARRIVALS = ArrivalClock.system();

    private static RawVrrpSocket open(LabNode node, Family family) throws Exception {
        return NetworkNamespace.call(node.namespace(),
                () -> RawVrrpSocket.open(family, node.interfaceName(), RawVrrpSocket.VRRP_PROTOCOL));
    }
}
