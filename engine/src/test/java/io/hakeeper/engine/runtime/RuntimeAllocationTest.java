package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.VrrpCounter;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * Steady state allocates nothing, measured through the very calls the event loop makes: a received advert
 * enters at {@link AdvertReceiver#onIpv4Packet} / {@link AdvertReceiver#onIpv6Message} and goes through
 * framing, VRID routing, receive checks, booking and the backup's state machine to the re-arming of its
 * timer; a sent advert starts at the loop's timer ({@link LoopCore#runDue}) and goes through the master's
 * machine, the action drain, encoding and checksum to the transport. The JVM's per-thread allocation
 * counter measures bytes, not time, so a busy machine cannot make it flaky.
 */
class RuntimeAllocationTest {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;
    private static final long CENTISECOND = 10_000_000L;
    private static final int INTERVAL_CS = 10;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long now;
    private final LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
    private final CountingSideEffects effects = new CountingSideEffects();
    private final VrrpRuntime runtime = new VrrpRuntime(loop, () -> now, new ActionBuffer(), effects);

    @Test
    void receivingAndSendingAdvertsAllocatesNothingInSteadyState() throws Exception {
        // a backup on IPv4 and one on IPv6, each hearing its master; a master (address owner) sending
        RecordingTransport sent = new RecordingTransport();
        InstanceRuntime backup4 = instance("VI_4", Family.IPV4, 51, 100, "192.0.2.11", new RecordingTransport());
        InstanceRuntime backup6 = instance("VI_6", Family.IPV6, 52, 100, "fe80::11", new RecordingTransport());
        InstanceRuntime master = instance("VI_M", Family.IPV4, 53, 255, "192.0.2.11", sent);
        AdvertReceiver ipv4 = new AdvertReceiver("eth0 IPv4", Family.IPV4, runtime, 10_000_000_000L);
        AdvertReceiver ipv6 = new AdvertReceiver("eth0 IPv6", Family.IPV6, runtime, 10_000_000_000L);
        ipv4.register(backup4);
        ipv4.register(master);
        ipv6.register(backup6);
        runtime.start();

        ByteBuffer fromMaster4 = peerAdvert(Family.IPV4, 51, "192.0.2.20", "224.0.0.18");
        int length4 = fromMaster4.limit();
        byte[] peer6 = InetAddress.getByName("fe80::20").getAddress();
        byte[] group6 = InetAddress.getByName("ff02::12").getAddress();
        ByteBuffer fromMaster6 = peerAdvert(Family.IPV6, 52, "fe80::20", "ff02::12");
        int length6 = fromMaster6.limit();

        Runnable oneInterval = () -> {
            ipv4.onIpv4Packet(fromMaster4, length4, now);
            ipv6.onIpv6Message(fromMaster6, length6, peer6, group6, 255, now);
            now += INTERVAL_CS * CENTISECOND;
            loop.runDue(now);
        };
        for (int i = 0; i < WARM_UP; i++) {
            oneInterval.run();
        }
        long sentBefore = sent.count;
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < MEASURED; i++) {
            oneInterval.run();
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertEquals(0, allocated, "bytes allocated over " + MEASURED + " intervals of 2 received + 1 sent adverts");
        assertEquals(VrrpState.BACKUP, backup4.machine().state());
        assertEquals(VrrpState.BACKUP, backup6.machine().state());
        assertEquals(VrrpState.MASTER, master.machine().state());
        assertEquals(WARM_UP + MEASURED, backup4.machine().counter(VrrpCounter.ADVERT_RCVD));
        assertEquals(WARM_UP + MEASURED, backup6.machine().counter(VrrpCounter.ADVERT_RCVD));
        assertTrue(sent.count - sentBefore >= MEASURED, "the master sent " + (sent.count - sentBefore));
        assertEquals(255, sent.lastPriority, "the master's adverts carry its priority");
    }

    private InstanceRuntime instance(String name, Family family, int vrid, int priority, String own,
                                     AdvertTransport transport) throws Exception {
        int version = 3;
        InetAddress vip = InetAddress.getByName(family == Family.IPV4 ? "192.0.2." + vrid : "fe80::" + vrid);
        byte[] source = InetAddress.getByName(own).getAddress();
        InstanceMachine machine = new InstanceMachine(new InstanceParameters(name, version, vrid, priority,
                INTERVAL_CS, false, 0, source, false, List.of()), runtime.actions());
        ReceiveExpectations expectations = new ReceiveExpectations(version, family, vrid, INTERVAL_CS,
                Optional.empty(), List.of(vip), List.of(), false, false, false, false);
        AdvertEncoder encoder = new AdvertEncoder(new AdvertSpec(version, family, vrid, INTERVAL_CS, List.of(vip),
                false), Optional.empty());
        byte[] group = InetAddress.getByName(family == Family.IPV4 ? "224.0.0.18" : "ff02::12").getAddress();
        InstanceRuntime instance = new InstanceRuntime(name, "eth0", machine, expectations,
                new ReceiveLedger(name, machine.counters(), 10_000_000_000L), encoder, transport, source, group,
                new byte[0][]);
        runtime.add(instance);
        return instance;
    }

    /** What a master with priority 200 sends: for IPv4 the whole packet with its header, for IPv6 the message. */
    private static ByteBuffer peerAdvert(Family family, int vrid, String from, String to) throws Exception {
        InetAddress vip = InetAddress.getByName(family == Family.IPV4 ? "192.0.2." + vrid : "fe80::" + vrid);
        AdvertEncoder peer = new AdvertEncoder(new AdvertSpec(3, family, vrid, INTERVAL_CS, List.of(vip), false),
                Optional.empty());
        ByteBuffer buffer = ByteBuffer.allocateDirect(512);
        byte[] source = InetAddress.getByName(from).getAddress();
        byte[] destination = InetAddress.getByName(to).getAddress();
        int length = family == Family.IPV4
                ? peer.encodeIpv4Packet(buffer, 0, 200, source, destination)
                : peer.encodeMessage(buffer, 0, 200, source, destination);
        buffer.limit(length);
        return buffer;
    }

    /** A transport that counts what it is handed and reads the priority byte, as the wire would carry it. */
    private static final class RecordingTransport implements AdvertTransport {
        long count;
        int lastPriority = -1;

        @Override
        public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
            count++;
            lastPriority = payload.get(payload.position() + 2) & 0xff;
            return IoStatus.DONE;
        }
    }

    private static final class CountingSideEffects extends IgnoredSideEffects {
        int vipsAdded;
        int stateChanges;

        @Override
        public void addVips(InstanceRuntime instance) {
            vipsAdded++;
        }

        @Override
        public void stateChanged(StateChange change) {
            stateChanges++;
        }
    }
}
