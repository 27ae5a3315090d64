package io.hakeeper.engine.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.net.RawVrrpSocket;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * Takeovers rehearsed before the elections begin, through the loop's own code on throw-away instances of
 * each kind (VRRPv2, VRRPv3 over IPv4, VRRPv3 over IPv6): a backup hears a master, then its resignation
 * (priority 0), becomes master when its Skew_Time runs out on virtual time, and hands its first advert and
 * the next one to a raw socket that was never opened (the send path's own code and native call run, and
 * the kernel refuses them: no packet); taken out, it resigns with a priority-0 advert.
 *
 * <p>Why: the first run of that path loads its classes (the runtime's effect switch, the encoder's checksum)
 * from the jars and runs them in the interpreter for the first time: about 2 ms of CPU, more on a busy
 * machine, all of it between a daemon's first Master_Down_Interval and its first advert as master. Run here,
 * at start-up, the real first takeover finds that path loaded. Nothing here touches the network, the
 * daemon's instances or its timers: every object is the rehearsal's own and is dropped at the end.
 */
public final class TakeoverRehearsal {

    private static final long SECOND = 1_000_000_000L;
    private static final int VRID = 1;
    private static final int INTERVAL_CENTISECONDS = 100;
    private static final int BACKUP_PRIORITY = 100;
    private static final int MASTER_PRIORITY = 200;

    /** One kind of instance: its VRRP version and its addresses (from the documentation ranges). */
    private record Kind(int version, Family family, String backup, String master, String group, String vip) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(2, Family.IPV4, "192.0.2.2", "192.0.2.3", "224.0.0.18", "192.0.2.1"),
            new Kind(3, Family.IPV4, "192.0.2.2", "192.0.2.3", "224.0.0.18", "192.0.2.1"),
            new Kind(3, Family.IPV6, "fe80::2", "fe80::3", "ff02::12", "2001:db8::1"));

    private TakeoverRehearsal() {
    }

    /**
     * Plays one takeover of each kind.
     *
     * @return the adverts the rehearsing instances sent: three per kind when all went as rehearsed (the
     *         takeover's, the advert timer's, and the priority-0 one of the master taken out at the end)
     */
    public static int run() {
        long[] now = {SECOND};
        LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
        VrrpRuntime runtime = new VrrpRuntime(loop, () -> now[0], new ActionBuffer(), new IgnoredSideEffects());
        int[] sent = {0};
        for (Kind kind : KINDS) {
            // the real send path, into a socket that was never opened: the kernel refuses it (EBADF), no packet
            RawVrrpSocket nowhere = RawVrrpSocket.unopened(kind.family());
            AdvertTransport dropped = (payload, destination, source) -> {
                nowhere.send(payload, destination, source);
                sent[0]++;
                return IoStatus.DONE;
            };
            rehearse(kind, loop, runtime, now, dropped);
        }
        return sent[0];
    }

    private static void rehearse(Kind kind, LoopCore loop, VrrpRuntime runtime, long[] now, AdvertTransport transport) {
        byte[] backup = address(kind.backup());
        byte[] master = address(kind.master());
        byte[] group = address(kind.group());
        InetAddress vip = inet(kind.vip());
        AdvertSpec spec = new AdvertSpec(kind.version(), kind.family(), VRID, INTERVAL_CENTISECONDS, List.of(vip), false);
        InstanceMachine machine = new InstanceMachine(new InstanceParameters("rehearsal", kind.version(), VRID,
                BACKUP_PRIORITY, INTERVAL_CENTISECONDS, false, 0, backup, false, List.of()), runtime.actions());
        InstanceRuntime instance = new InstanceRuntime("rehearsal", "rehearsal", machine,
                new ReceiveExpectations(kind.version(), kind.family(), VRID, INTERVAL_CENTISECONDS, Optional.empty(),
                        List.of(vip), List.of(), false, false, false, false),
                new ReceiveLedger("rehearsal", machine.counters(), SECOND), new AdvertEncoder(spec, Optional.empty()),
                transport, backup, group, new byte[0][]);
        AdvertReceiver receiver = new AdvertReceiver("rehearsal", kind.family(), runtime, SECOND);
        receiver.register(instance);
        runtime.add(instance);
        runtime.start(instance);

        AdvertEncoder peer = new AdvertEncoder(spec, Optional.empty());
        ByteBuffer packet = ByteBuffer.allocateDirect(1024);
        for (int priority : new int[] {MASTER_PRIORITY, 0}) {
            now[0] += INTERVAL_CENTISECONDS * 10_000_000L;
            // as the sockets hand them over: IPv4 with its header, IPv6 the message with its addresses
            if (kind.family() == Family.IPV4) {
                receiver.onIpv4Packet(packet, peer.encodeIpv4Packet(packet, 0, priority, master, group), now[0]);
            } else {
                int length = peer.encodeMessage(packet, 0, priority, master, group);
                receiver.onIpv6Message(packet, length, master, group, 255, now[0]);
            }
        }
        if (machine.nextDeadlineNanos() != now[0] + machine.skewTimeNanos()) {
            throw new IllegalStateException("the rehearsed " + kind + " backup did not hear its master resign");
        }
        // Skew_Time, then one advert interval: the takeover, then the master's first timed advert
        for (int i = 0; i < 2; i++) {
            now[0] = machine.nextDeadlineNanos();
            loop.runDue(now[0]);
        }
        if (machine.state() != VrrpState.MASTER) {
            throw new IllegalStateException("the rehearsed " + kind + " backup did not take over: " + machine.state());
        }
        runtime.remove(instance);
        receiver.unregister(instance);
    }

    private static byte[] address(String literal) {
        return inet(literal).getAddress();
    }

    private static InetAddress inet(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
