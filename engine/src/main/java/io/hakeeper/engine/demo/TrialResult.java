package io.hakeeper.engine.demo;

import java.util.Optional;

import io.hakeeper.engine.lab.LabNode;

/**
 * What one failover trial measured.
 *
 * @param firstMaster     the node elected at the start, the one that was crashed
 * @param successor       the node that took over
 * @param advertMicros    from the crash to the first advert of a survivor on the switch
 * @param garpMicros      from the crash to the successor's first gratuitous ARP for the VIP on the switch
 * @param outage          the VIP's silence at the client around the crash
 * @param lastWordsMicros when the crashed master was nevertheless heard on the wire after the crash (from
 *                        the crash), which would make the run a goodbye rather than a crash; empty when it was not
 * @param pingIntervalMicros the median spacing of the client's replies before the crash: the outage's resolution
 * @param announceMicros  from the successor's first advert after the crash to its first gratuitous ARP for the
 *                        VIP, both on the switch
 * @param firstTakeover   whether that takeover was the first time the successor's daemon became master (its
 *                        log says so once): a daemon's first takeover runs code for the first time
 */
record TrialResult(LabNode firstMaster, LabNode successor, Optional<Long> advertMicros, Optional<Long> garpMicros,
        Optional<PingLog.Outage> outage, Optional<Long> lastWordsMicros, long pingIntervalMicros,
        Optional<Long> announceMicros, boolean firstTakeover) {
}
