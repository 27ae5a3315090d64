package io.hakeeper.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.runtime.AdvertReceiver;
import io.hakeeper.engine.runtime.IgnoredSideEffects;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.runtime.VrrpRuntime;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * What one event costs the event loop with {@code instances} instances on the host, through the very calls
 * the loop makes, on virtual time: a received advert ({@link AdvertReceiver#onIpv4Packet}: framing, VRID,
 * receive checks, the backup's machine, re-arming its timer) and a timer event ({@link LoopCore#runDue}: the
 * master's machine, encoding, the send). As on a host, the instances' events are spread over the advert
 * interval, each at its own time: every operation moves virtual time on by interval / instances, hands the
 * next instance its event and lets the loop run what is due, so that one operation is one event and the
 * timer queue holds as many distinct deadlines as there are instances (timers all due at the very same
 * nanosecond would leave a heap nothing to sort). Sockets are left out, as they cost the same whatever
 * the instance count: a received packet is copied into one receive buffer, as the kernel does, and sent
 * ones go to a transport that only counts. As on a host, 250 instances share one receiver (one
 * interface), whose VRIDs run out at 255.
 */
// Each invocation (1,000 events, a tenth of a millisecond) is timed on its own: the mean is the average
// time of an event, and the median (p0.50) leaves out the invocations during which another process had
// the CPU, which on a shared two-core machine the mean cannot.
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class EventCostBenchmark {

    private static final int PER_INTERFACE = 250;
    private static final int INTERVAL_CS = 100;
    private static final long INTERVAL_NANOS = INTERVAL_CS * 10_000_000L;
    /** Events per invocation; JMH divides by it. */
    private static final int EVENTS = 1000;

    /**
     * N backups, each with the advert its master sends, ready to be received; started one every
     * interval / N, as their masters' adverts come.
     */
    @State(Scope.Thread)
    public static class Backups {
        @Param({"10", "1000"})
        int instances;

        Host host;
        AdvertReceiver[] receivers;
        /** Each master's packet, which the kernel would copy into the one receive buffer. */
        byte[][] adverts;
        final ByteBuffer received = ByteBuffer.allocateDirect(65_536);
        /** The instance whose master's advert comes next. */
        int next;

        @Setup(Level.Trial)
        public void setUp() throws UnknownHostException {
            host = new Host();
            int interfaces = (instances + PER_INTERFACE - 1) / PER_INTERFACE;
            AdvertReceiver[] byInterface = new AdvertReceiver[interfaces];
            for (int i = 0; i < interfaces; i++) {
                byInterface[i] = new AdvertReceiver("eth" + i + " IPv4", Family.IPV4, host.runtime, 10_000_000_000L);
            }
            receivers = new AdvertReceiver[instances];
            adverts = new byte[instances][];
            for (int i = 0; i < instances; i++) {
                int vrid = 1 + i % PER_INTERFACE;
                InstanceRuntime backup = host.instance(i / PER_INTERFACE, vrid, 100);
                receivers[i] = byInterface[i / PER_INTERFACE];
                receivers[i].register(backup);
                adverts[i] = peerAdvert(vrid, 200);
                host.runtime.start(backup);
                host.now += INTERVAL_NANOS / instances;
            }
        }
    }

    /**
     * N masters (address owners), started one every interval / N, so that their advert timers fire one
     * every interval / N, each at its own time.
     */
    @State(Scope.Thread)
    public static class Masters {
        @Param({"10", "1000"})
        int instances;

        Host host;

        @Setup(Level.Trial)
        public void setUp() throws UnknownHostException {
            host = new Host();
            for (int i = 0; i < instances; i++) {
                InstanceRuntime master = host.instance(i / PER_INTERFACE, 1 + i % PER_INTERFACE,
                        InstanceParameters.OWNER_PRIORITY);
                host.runtime.start(master);
                if (master.machine().state() != VrrpState.MASTER) {
                    throw new IllegalStateException("an address owner did not start as master");
                }
                host.now += INTERVAL_NANOS / instances;
            }
        }
    }

    /** One received advert, on a backup among {@code instances}. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long receivedAdvert(Backups backups) {
        Host host = backups.host;
        long step = INTERVAL_NANOS / backups.instances;
        for (int event = 0; event < EVENTS; event++) {
            int i = backups.next;
            backups.next = i + 1 == backups.instances ? 0 : i + 1;
            host.now += step;
            byte[] advert = backups.adverts[i];
            backups.received.put(0, advert);
            backups.receivers[i].onIpv4Packet(backups.received, advert.length, host.now);
            host.loop.runDue(host.now);
        }
        return host.transport.sent;
    }

    /** One timer event (a master's advert), among {@code instances} timers. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long timerEvent(Masters masters) {
        Host host = masters.host;
        long step = INTERVAL_NANOS / masters.instances;
        for (int event = 0; event < EVENTS; event++) {
            host.now += step;
            host.loop.runDue(host.now);
        }
        return host.transport.sent;
    }

    /** One loop's worth of instances on virtual time, with a transport that only counts. */
    static final class Host {
        long now = 1_000_000_000L;
        final LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
        final CountingTransport transport = new CountingTransport();
        final VrrpRuntime runtime = new VrrpRuntime(loop, () -> now, new ActionBuffer(), new IgnoredSideEffects());

        InstanceRuntime instance(int interfaceIndex, int vrid, int priority) throws UnknownHostException {
            String name = "VI_" + interfaceIndex + "_" + vrid;
            InetAddress vip = vip(vrid);
            byte[] source = InetAddress.getByName("198.18." + interfaceIndex + ".2").getAddress();
            InstanceMachine machine = new InstanceMachine(new InstanceParameters(name, 3, vrid, priority,
                    INTERVAL_CS, false, 0, source, false, List.of()), runtime.actions());
            InstanceRuntime instance = new InstanceRuntime(name, "eth" + interfaceIndex, machine,
                    new ReceiveExpectations(3, Family.IPV4, vrid, INTERVAL_CS, Optional.empty(), List.of(vip),
                            List.of(), false, false, false, false),
                    new ReceiveLedger(name, machine.counters(), 10_000_000_000L),
                    new AdvertEncoder(new AdvertSpec(3, Family.IPV4, vrid, INTERVAL_CS, List.of(vip), false),
                            Optional.empty()),
                    transport, source, InetAddress.getByName("224.0.0.18").getAddress(), new byte[0][]);
            runtime.add(instance);
            return instance;
        }
    }

    private static InetAddress vip(int vrid) throws UnknownHostException {
        return InetAddress.getByName("198.19.0." + vrid);
    }

    /** The whole IPv4 packet a master of {@code vrid} sends to 224.0.0.18. */
    private static byte[] peerAdvert(int vrid, int priority) throws UnknownHostException {
        AdvertEncoder peer = new AdvertEncoder(new AdvertSpec(3, Family.IPV4, vrid, INTERVAL_CS, List.of(vip(vrid)),
                false), Optional.empty());
        ByteBuffer buffer = ByteBuffer.allocateDirect(128);
        int length = peer.encodeIpv4Packet(buffer, 0, priority, InetAddress.getByName("198.18.0.1").getAddress(),
                InetAddress.getByName("224.0.0.18").getAddress());
        byte[] packet = new byte[length];
        buffer.get(0, packet);
        return packet;
    }

    static final class CountingTransport implements AdvertTransport {
        long sent;

        @Override
        public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
            sent++;
            return IoStatus.DONE;
        }
    }
}
