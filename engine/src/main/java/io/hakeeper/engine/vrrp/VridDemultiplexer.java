package io.hakeeper.engine.vrrp;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * Hands each packet received on one socket (interface, family, IP protocol) to the instance with its
 * VRID. Packets that no instance can own, because they cannot be framed or carry a VRID nobody here has,
 * are counted on the interface (vrid_err, packet_len_err) and logged rate-limited. Used on the event loop.
 *
 * <p>The receive path per packet, all of it allocation-free:
 * <pre>{@code
 * AdvertVerdict framing = view.wrapIpv4(buffer, 0, received);      // or wrapIpv6(..., src, dst, hopLimit)
 * Instance instance = demultiplexer.route(framing, view, now);
 * if (instance != null) {
 *     AdvertVerdict verdict = ReceiveChecks.check(view, instance.expectations());
 *     instance.ledger().record(verdict, view, now);
 *     if (verdict.isAccepted()) {
 *         instance.machine().onAdvert(view);                         // read as a ReceivedAdvert, not kept
 *     }
 * }
 * }</pre>
 *
 * @param <T> what the event loop keeps per instance
 */
public final class VridDemultiplexer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(VridDemultiplexer.class);
    private static final int VRIDS = 256;

    /**
     * The counters a packet that reaches no instance can land in: an unknown VRID, or bytes too short to
     * frame (a bad IP header has no keepalived counter and is only logged).
     */
    public static final List<VrrpCounter> COUNTED = List.of(VrrpCounter.VRID_ERR, VrrpCounter.PACKET_LEN_ERR);

    private final String subject;
    private final Object[] instancesByVrid = new Object[VRIDS];
    private final VrrpCounters counters = new VrrpCounters();
    private final RateLimitedLog log;

    /**
     * @param subject          names the socket in log lines, e.g. {@code "eth0 IPv4"}
     * @param logIntervalNanos at most one line per reason per this interval
     */
    public VridDemultiplexer(String subject, long logIntervalNanos) {
        this.subject = subject;
        this.log = new RateLimitedLog(AdvertVerdict.values().length, logIntervalNanos);
    }

    /** Routes adverts with {@code vrid} to {@code instance}. */
    public void register(int vrid, T instance) {
        if (vrid < 1 || vrid >= VRIDS) {
            throw new IllegalArgumentException("VRID must be 1-255, not " + vrid);
        }
        if (instancesByVrid[vrid] != null) {
            throw new IllegalStateException("VRID " + vrid + " already has an instance on " + subject);
        }
        instancesByVrid[vrid] = instance;
    }

    public void unregister(int vrid) {
        instancesByVrid[vrid] = null;
    }

    /**
     * The instance that owns the packet {@code view} was just pointed at, given the verdict of that
     * framing ({@code wrapIpv4}/{@code wrapIpv6}); {@code null} when none does, the packet then being
     * counted here and dropped.
     */
    @SuppressWarnings("unchecked") // only register() stores, and it takes a T
    public T route(AdvertVerdict framing, AdvertView view, long nowNanos) {
        if (framing != AdvertVerdict.ACCEPTED) {
            reject(framing, null, nowNanos);
            return null;
        }
        T instance = (T) instancesByVrid[view.vrid()];
        if (instance == null) {
            reject(AdvertVerdict.UNKNOWN_VRID, view, nowNanos);
        }
        return instance;
    }

    private void reject(AdvertVerdict verdict, AdvertView framed, long nowNanos) {
        if (verdict.counter() != null) {
            counters.increment(verdict.counter());
        }
        if (log.shouldLog(verdict.ordinal(), nowNanos)) {
            String what = framed == null ? "" : ": " + AdvertDescription.of(framed);
            LOG.info("{}: dropped packet: {}{}{}", subject, verdict.description(), what,
                    ReceiveLedger.heldBack(log, verdict));
        }
    }

    /** The interface's own counters: packets that reached no instance. */
    public VrrpCounters counters() {
        return counters;
    }
}
