package io.hakeeper.engine.runtime;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.loop.Timer;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.net.SocketError;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.ReceiveChecks;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * One VRRP instance at the event loop's edge: its pure state machine, what it expects of received adverts,
 * and how its own adverts are built and sent. Everything here runs on the loop thread and allocates nothing
 * per advert: the loop's one send buffer, addresses as pre-built byte arrays.
 */
public final class InstanceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceRuntime.class);
    /** Room for the largest advert: an IPv4 header, AH, and 255 IPv6 addresses fit in 4 KiB. */
    static final int SEND_BUFFER_BYTES = 4096;

    private final String label;
    private final String interfaceName;
    private final InstanceMachine machine;
    private final ReceiveExpectations expectations;
    private final ReceiveLedger ledger;
    private final AdvertEncoder encoder;
    private final AdvertTransport transport;
    private final byte[] source;
    private final byte[] multicastGroup;
    private final byte[][] unicastPeers;
    private final PeerTable peers = new PeerTable();
    private long sendFailures;
    private String cannotSendDetail;
    private Timer timer;

    /**
     * @param label          how log lines name it: {@code VI_1 (VRID 51, IPv4)}
     * @param interfaceName  the interface its adverts use
     * @param source         the primary address adverts are sent from (and elections compare)
     * @param multicastGroup 224.0.0.18 or ff02::12, the destination when there are no unicast peers
     * @param unicastPeers   the peers' addresses; empty for multicast
     */
    public InstanceRuntime(String label, String interfaceName, InstanceMachine machine, ReceiveExpectations expectations,
                           ReceiveLedger ledger, AdvertEncoder encoder, AdvertTransport transport, byte[] source,
                           byte[] multicastGroup, byte[][] unicastPeers) {
        this.label = label;
        this.interfaceName = interfaceName;
        this.machine = machine;
        this.expectations = expectations;
        this.ledger = ledger;
        this.encoder = encoder;
        this.transport = transport;
        if (source.length != multicastGroup.length) {
            throw new IllegalArgumentException(label + ": a " + source.length + "-byte source for a "
                    + multicastGroup.length + "-byte group");
        }
        this.source = source.clone();
        this.multicastGroup = multicastGroup.clone();
        this.unicastPeers = unicastPeers.clone();
    }

    public String label() {
        return label;
    }

    /** False when the instance has no socket to send on (its machine is then in FAULT for that cause). */
    public boolean canSend() {
        return transport.usable();
    }

    public String interfaceName() {
        return interfaceName;
    }

    public InstanceMachine machine() {
        return machine;
    }

    public int virtualRouterId() {
        return expectations.vrid();
    }

    /** The routers heard on this VRID. Loop thread only. */
    public PeerTable peers() {
        return peers;
    }

    /** The address this instance's adverts come from. */
    public byte[] sourceAddress() {
        return source.clone();
    }

    /** Whether adverts go out from {@code address}, without a copy of the source. */
    public boolean sendsFrom(byte[] address) {
        return Arrays.equals(source, address);
    }

    /** Why adverts cannot go out, in words for the log and ha-admin ({@code socket: ...}), or null. */
    public String cannotSendDetail() {
        return cannotSendDetail;
    }

    /** Adverts cannot go out, for the reason given; set by whoever built the instance. Loop thread. */
    public void cannotSend(String detail) {
        this.cannotSendDetail = detail;
    }

    /**
     * Adverts go out from {@code address} from now on (an address appeared on an interface that had none).
     * The election's copy is the machine's: {@link VrrpRuntime#canSendAgain} updates both. Loop thread.
     */
    void useSource(byte[] address) {
        System.arraycopy(address, 0, source, 0, source.length);
        cannotSendDetail = null;
    }

    /** Sends that the transport refused (interface gone, ENOBUFS, ...), each also logged once per cause. */
    public long sendFailures() {
        return sendFailures;
    }

    /**
     * An advert the demultiplexer routed to this instance: the receive checks, the booking of their
     * verdict, and, when it passes, the state machine. A rejected advert touches nothing but its counter.
     */
    void receive(AdvertView view, long nowNanos) {
        AdvertVerdict verdict = ReceiveChecks.check(view, expectations);
        ledger.record(verdict, view, nowNanos);
        peers.record(view, verdict, nowNanos);
        if (verdict.isAccepted()) {
            machine.onAdvert(view, nowNanos);
        }
    }

    /**
     * Builds one advert with {@code priority} (the effective one, or 0 when resigning) in {@code sendBuffer}
     * (direct, {@link #SEND_BUFFER_BYTES} long, free once the send returns) and sends it.
     */
    void sendAdvert(ByteBuffer sendBuffer, int priority) {
        if (unicastPeers.length == 0) {
            sendTo(sendBuffer, priority, multicastGroup);
            return;
        }
        for (byte[] peer : unicastPeers) {
            sendTo(sendBuffer, priority, peer);
        }
    }

    /**
     * The v3 checksum covers both addresses, so the advert is encoded for the very source and destination it
     * is sent with: one source, used for both, and never the kernel's choice.
     */
    private void sendTo(ByteBuffer sendBuffer, int priority, byte[] destination) {
        // the buffer's limit is still the length of whichever advert went out last, maybe a shorter one
        sendBuffer.clear();
        int length = encoder.encode(sendBuffer, 0, priority, source, destination);
        sendBuffer.limit(length).position(0);
        record(transport.send(sendBuffer, destination, source));
    }

    void attach(Timer timer) {
        this.timer = timer;
    }

    Timer timer() {
        return timer;
    }

    /** A full send buffer loses the advert as surely as a refusal does: both are counted and said. */
    private void record(IoStatus status) {
        if (status != IoStatus.DONE) {
            sendFailures++;
            if (sendFailures == 1 || Long.bitCount(sendFailures) == 1) {
                // 1st, 2nd, 4th, 8th ... failure: a dead interface is said, not shouted once per advert
                LOG.warn("{}: advert not sent: {} ({} failures so far)", label, whyNotSent(status), sendFailures);
            }
        }
    }

    private Object whyNotSent(IoStatus status) {
        if (status == IoStatus.WOULD_BLOCK) {
            return "the socket's send buffer is full";
        }
        SocketError error = transport.lastError();
        return error != null ? error : "the transport refused it";
    }

    @Override
    public String toString() {
        return label;
    }
}
