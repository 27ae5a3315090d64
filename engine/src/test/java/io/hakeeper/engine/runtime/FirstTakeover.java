package io.hakeeper.engine.runtime;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * A daemon's first takeovers as {@link TakeoverRehearsalTest} watches them from a class loader of its own:
 * {@link #prepare} is the daemon up to the moment before (its instances built and started, its backups
 * hearing their master); the returned task is the takeovers themselves, a crash and a resignation, each
 * ending in the new master's first advert.
 */
public final class FirstTakeover {

    private static final long SECOND = 1_000_000_000L;

    private FirstTakeover() {
    }

    /** Builds two VRRPv3 backups that hear their master; returns their takeovers. */
    public static Runnable prepare() throws Exception {
        long[] now = {SECOND};
        int[] sent = {0};
        LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
        VrrpRuntime runtime = new VrrpRuntime(loop, () -> now[0], new ActionBuffer(), new NoSideEffects());
        AdvertTransport transport = (payload, destination, source) -> {
            sent[0]++;
            return IoStatus.DONE;
        };
        AdvertReceiver receiver = new AdvertReceiver("eth0 IPv4", Family.IPV4, runtime, SECOND);
        InstanceRuntime crashed = backup(runtime, receiver, transport, 51);
        InstanceRuntime resigned = backup(runtime, receiver, transport, 52);
        runtime.start();
        byte[] master = InetAddress.getByName("192.0.2.20").getAddress();
        ByteBuffer packet = ByteBuffer.allocateDirect(256);
        now[0] += SECOND;
        hear(receiver, crashed, packet, 200, master, now[0]);
        hear(receiver, resigned, packet, 200, master, now[0]);
        return () -> {
            hear(receiver, resigned, packet, 0, master, now[0]);
            for (InstanceRuntime backup : List.of(resigned, crashed)) {
                now[0] = backup.machine().nextDeadlineNanos();
                loop.runDue(now[0]);
                if (backup.machine().state() != VrrpState.MASTER) {
                    throw new AssertionError(backup + " did not take over");
                }
            }
            if (sent[0] < 2) {
                throw new AssertionError(sent[0] + " adverts sent: not even the two new masters' first");
            }
        };
    }

    private static InstanceRuntime backup(VrrpRuntime runtime, AdvertReceiver receiver, AdvertTransport transport,
                                          int vrid) throws Exception {
        InetAddress vip = InetAddress.getByName("192.0.2." + vrid);
        byte[] source = InetAddress.getByName("192.0.2.11").getAddress();
        InstanceMachine machine = new InstanceMachine(new InstanceParameters("VI_" + vrid, 3, vrid, 100, 10, false, 0,
                source, false, List.of()), runtime.actions());
        InstanceRuntime instance = new InstanceRuntime("VI_" + vrid, "eth0", machine,
                new ReceiveExpectations(3, Family.IPV4, vrid, 10, Optional.empty(), List.of(vip), List.of(), false,
                        false, false, false),
                new ReceiveLedger("VI_" + vrid, machine.counters(), SECOND),
                new AdvertEncoder(new AdvertSpec(3, Family.IPV4, vrid, 10, List.of(vip), false), Optional.empty()),
                transport, source, InetAddress.getByName("224.0.0.18").getAddress(), new byte[0][]);
        runtime.add(instance);
        receiver.register(instance);
        return instance;
    }

    private static void hear(AdvertReceiver receiver, InstanceRuntime to, ByteBuffer packet, int priority, byte[] master,
                             long nowNanos) {
        int length = new AdvertEncoder(new AdvertSpec(3, Family.IPV4, to.virtualRouterId(), 10,
                List.of(addressOf(to.virtualRouterId())), false), Optional.empty())
                .encodeIpv4Packet(packet, 0, priority, master, new byte[] {(byte) 224, 0, 0, 18});
        receiver.onIpv4Packet(packet, length, nowNanos);
    }

    private static InetAddress addressOf(int vrid) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) vrid});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
