package io.hakeeper.engine.runtime;

import java.nio.ByteBuffer;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.net.ReceivedPacket;
import io.hakeeper.engine.vrrp.VridDemultiplexer;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * The receive path of one raw socket (one interface, family and IP protocol), shared by the instances on
 * it: frame the packet through one reusable view, route it by VRID, check it for the instance it belongs
 * to, and let that instance's machine act. This is what the event loop calls for every packet, and it
 * allocates nothing.
 */
public final class AdvertReceiver {

    private final Family family;
    private final VrrpRuntime runtime;
    private final VridDemultiplexer<InstanceRuntime> demultiplexer;
    private final AdvertView view = new AdvertView();
    private final byte[] source = new byte[16];
    private final byte[] destination = new byte[16];

    /**
     * @param subject          how log lines name the socket: {@code eth0 IPv4}
     * @param logIntervalNanos at most one log line per rejection reason per this interval
     */
    public AdvertReceiver(String subject, Family family, VrrpRuntime runtime, long logIntervalNanos) {
        this.family = family;
        this.runtime = runtime;
        this.demultiplexer = new VridDemultiplexer<>(subject, logIntervalNanos);
    }

    /** Routes adverts of the instance's VRID to it. */
    public void register(InstanceRuntime instance) {
        demultiplexer.register(instance.virtualRouterId(), instance);
    }

    /** Stops routing adverts to the instance (reload took it out). */
    public void unregister(InstanceRuntime instance) {
        demultiplexer.unregister(instance.virtualRouterId());
    }

    /** Packets that reached no instance (unframeable, unknown VRID), counted for the interface. */
    public VridDemultiplexer<InstanceRuntime> demultiplexer() {
        return demultiplexer;
    }

    /**
     * One packet as the socket delivered it into {@code buffer} from position 0: for IPv4 with its IP
     * header, for IPv6 the message alone with addresses and hop limit beside it in {@code packet}.
     */
    public void onPacket(ByteBuffer buffer, ReceivedPacket packet, long nowNanos) {
        if (family == Family.IPV4) {
            onIpv4Packet(buffer, packet.length(), nowNanos);
        } else {
            packet.copySource(source);
            packet.copyDestination(destination);
            onIpv6Message(buffer, packet.length(), source, destination, packet.hopLimit(), nowNanos);
        }
    }

    /** An IPv6 message whose addresses and hop limit the caller already holds (tests, replays). */
    public void onIpv6Message(ByteBuffer buffer, int length, byte[] from, byte[] to, int hopLimit, long nowNanos) {
        onFramed(view.wrapIpv6(buffer, 0, length, from, to, hopLimit), nowNanos);
    }

    /** An IPv4 packet with its header, from position 0 of {@code buffer}. */
    public void onIpv4Packet(ByteBuffer buffer, int length, long nowNanos) {
        onFramed(view.wrapIpv4(buffer, 0, length), nowNanos);
    }

    private void onFramed(AdvertVerdict framing, long nowNanos) {
        InstanceRuntime instance = demultiplexer.route(framing, view, nowNanos);
        if (instance != null) {
            instance.receive(view, nowNanos);
            runtime.afterEvent(instance);
        }
    }
}
