package io.hakeeper.engine.vrrp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * Books the verdict on each advert an instance receives: accepted adverts in advert_rcvd (and
 * pri_zero_rcvd), every rejection in its own keepalived counter, and rejections in the log at most once
 * per reason per interval, with the number held back. Nothing is logged for an accepted advert, and
 * booking allocates nothing unless a line is actually written.
 */
public final class ReceiveLedger {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveLedger.class);

    private final String subject;
    private final VrrpCounters counters;
    private final RateLimitedLog log;

    /**
     * @param subject        names the instance in log lines, e.g. {@code "VI_1 (VRID 51, IPv4)"}
     * @param counters       the instance's counters
     * @param logIntervalNanos at most one line per rejection reason per this interval
     */
    public ReceiveLedger(String subject, VrrpCounters counters, long logIntervalNanos) {
        this.subject = subject;
        this.counters = counters;
        this.log = new RateLimitedLog(AdvertVerdict.values().length, logIntervalNanos);
    }

    /** Books {@code verdict} on the advert {@code view} frames, received at {@code nowNanos} (monotonic). */
    public void record(AdvertVerdict verdict, AdvertView view, long nowNanos) {
        if (verdict.isAccepted()) {
            counters.increment(VrrpCounter.ADVERT_RCVD);
            if (view.priority() == 0) {
                counters.increment(VrrpCounter.PRI_ZERO_RCVD);
            }
        }
        if (verdict.counter() != null) {
            counters.increment(verdict.counter());
        }
        if (verdict != AdvertVerdict.ACCEPTED && log.shouldLog(verdict.ordinal(), nowNanos)) {
            LOG.info("{}: {} advert: {}: {}{}", subject, verdict.isAccepted() ? "accepted" : "dropped",
                    verdict.description(), AdvertDescription.of(view), heldBack(log, verdict));
        }
    }

    public VrrpCounters counters() {
        return counters;
    }

    /** The tail of a log line that says how many like it were held back; empty when none were. */
    static String heldBack(RateLimitedLog log, AdvertVerdict verdict) {
        long held = log.suppressedBeforeLast(verdict.ordinal());
        return held == 0 ? "" : " (" + held + " more like it not logged in the last " + log.intervalSeconds() + " s)";
    }
}
