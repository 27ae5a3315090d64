package io.hakeeper.engine.vrrp;

import static io.hakeeper.engine.vrrp.ReceivedPackets.expectationsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertVector;
import io.hakeeper.engine.vrrp.packet.AdvertVectors;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * The hot path allocates nothing per packet (docs/architecture.md): measured with the JVM's per-thread
 * allocation counter over the calls the event loop makes for each received advert (frame, route by VRID,
 * receive checks with a PASS-like auth method, booking, what the state machine reads) and each sent one
 * (encode, seal, checksum). A count of bytes, not a time, so a busy machine cannot make it flaky.
 */
class HotPathAllocationTest {

    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 200_000;
    private static final long TEN_SECONDS = 10_000_000_000L;
    private static final byte[] OUR_ADDRESS = AdvertVector.ip("192.168.1.20");
    private static final byte[] OUR_IPV6_ADDRESS = AdvertVector.ip("fe80::20");

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void receivingAnAdvertAllocatesNothing() {
        Receiver ipv4 = new Receiver("eth0 IPv4");
        Instance pass = ipv4.add(AdvertVectors.V2_IPV4_PASS);
        Instance v3 = ipv4.add(AdvertVectors.V3_IPV4);
        Receiver ipv6 = new Receiver("eth0 IPv6");
        Instance v3ipv6 = ipv6.add(AdvertVectors.V3_IPV6);
        ByteBuffer passPacket = direct(AdvertVectors.V2_IPV4_PASS.wire());
        ByteBuffer v3Packet = direct(AdvertVectors.V3_IPV4.wire());
        ByteBuffer ipv6Packet = direct(AdvertVectors.V3_IPV6.wire());
        byte[] ttl254 = AdvertVectors.V3_IPV4.wire().clone();
        ttl254[8] = (byte) 254;
        ByteBuffer rejectedPacket = direct(ttl254);
        AdvertVector v6 = AdvertVectors.V3_IPV6;
        Runnable receiveFour = () -> {
            ipv4.receive(passPacket, 0);
            ipv4.receive(v3Packet, 0);
            ipv6.receiveIpv6(ipv6Packet, v6.source(), v6.destination(), 255, 0);
            ipv4.receive(rejectedPacket, 0); // its one log line is written during the warm-up
        };

        long allocated = allocatedBy(receiveFour);

        assertEquals(0, allocated, "bytes allocated receiving " + 4 * MEASURED + " packets");
        assertEquals(WARM_UP + MEASURED, pass.ledger.counters().get(VrrpCounter.ADVERT_RCVD));
        assertEquals(WARM_UP + MEASURED, v3.ledger.counters().get(VrrpCounter.ADVERT_RCVD));
        assertEquals(WARM_UP + MEASURED, v3ipv6.ledger.counters().get(VrrpCounter.ADVERT_RCVD));
        assertEquals(WARM_UP + MEASURED, v3.ledger.counters().get(VrrpCounter.IP_TTL_ERR));
    }

    @Test
    void sendingAnAdvertAllocatesNothing() {
        AdvertEncoder pass = AdvertVectors.V2_IPV4_PASS.encoder();
        AdvertEncoder v3 = AdvertVectors.V3_IPV4.encoder();
        AdvertEncoder v3ipv6 = AdvertVectors.V3_IPV6.encoder();
        byte[] group = AdvertVectors.V2_IPV4_PASS.destination();
        byte[] ipv6Group = AdvertVectors.V3_IPV6.destination();
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        int[] priority = {0};
        Runnable sendThree = () -> {
            int p = priority[0]++ & 0xff;
            pass.encode(out, 0, p, OUR_ADDRESS, group);
            v3.encode(out, 100, p, OUR_ADDRESS, group);
            v3ipv6.encode(out, 200, p, OUR_IPV6_ADDRESS, ipv6Group);
        };

        assertEquals(0, allocatedBy(sendThree), "bytes allocated sending " + 3 * MEASURED + " adverts");
    }

    /** Bytes this thread allocates running {@code work} {@link #MEASURED} times, after a warm-up. */
    private long allocatedBy(Runnable work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < MEASURED; i++) {
            work.run();
        }
        return threads.getThreadAllocatedBytes(threadId) - before;
    }

    private static ByteBuffer direct(byte[] packet) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(packet.length);
        buffer.put(0, packet);
        return buffer;
    }

    /** What the event loop keeps per instance, as far as receiving goes. */
    private record Instance(ReceiveExpectations expectations, ReceiveLedger ledger, byte[] primaryAddress) {
    }

    /** One socket's receive path, as the event loop will run it. */
    private static final class Receiver {
        private final AdvertView view = new AdvertView();
        private final VridDemultiplexer<Instance> instances;
        /** Stands in for the state machine reading the advert, so that nothing is optimised away. */
        private long machineSink;

        Receiver(String subject) {
            instances = new VridDemultiplexer<>(subject, TEN_SECONDS);
        }

        Instance add(AdvertVector vector) {
            Instance instance = new Instance(expectationsOf(vector),
                    new ReceiveLedger(vector.name(), new VrrpCounters(), TEN_SECONDS),
                    vector.source().length == 4 ? OUR_ADDRESS : OUR_IPV6_ADDRESS);
            instances.register(vector.spec().vrid(), instance);
            return instance;
        }

        void receive(ByteBuffer packet, long nowNanos) {
            deliver(view.wrapIpv4(packet, 0, packet.capacity()), nowNanos);
        }

        void receiveIpv6(ByteBuffer message, byte[] source, byte[] destination, int hopLimit, long nowNanos) {
            deliver(view.wrapIpv6(message, 0, message.capacity(), source, destination, hopLimit), nowNanos);
        }

        private void deliver(AdvertVerdict framing, long nowNanos) {
            Instance instance = instances.route(framing, view, nowNanos);
            if (instance == null) {
                return;
            }
            AdvertVerdict verdict = ReceiveChecks.check(view, instance.expectations());
            instance.ledger().record(verdict, view, nowNanos);
            if (verdict.isAccepted()) {
                ReceivedAdvert advert = view;
                machineSink += advert.priority() + advert.intervalCentiseconds()
                        + advert.compareSourceAddressTo(instance.primaryAddress());
            }
        }
    }
}
