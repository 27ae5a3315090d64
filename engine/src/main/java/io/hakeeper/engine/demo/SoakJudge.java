package io.hakeeper.engine.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the wire after each fault, from the two witnesses that are not ours: the switch capture and the
 * client's pings. For each virtual router, from the fault's heal plus its Master_Down_Interval plus 100 ms
 * until the next fault begins (the window), there must be exactly one router advertising (with a priority
 * above 0, never silent longer than Master_Down_Interval), the one of highest priority; every echo request
 * to its VIP must be answered from one MAC only, the master's; and the client must never wait longer than
 * Master_Down_Interval + 100 ms for a reply. The client's neighbour entry for each VIP is the broadcast
 * (IPv6: all-nodes) address, so that every router holding the VIP answers each request: two answers to one
 * request are a split brain on the wire, not a guess.
 */
final class SoakJudge {

    /** A takeover seen during a fault: the old master fell silent and another router's advert came after. */
    record Takeover(String instance, int fault, long micros) {
    }

    private final SoakWire wire;
    private final Map<String, List<PingLog.Reply>> pingsByVip;
    private final Map<String, String> nameByMac;
    private final List<SoakRouter> routers;
    private final List<SoakCheck> checks = new ArrayList<>();
    private final List<Takeover> takeovers = new ArrayList<>();

    SoakJudge(SoakWire wire, Map<String, List<PingLog.Reply>> pingsByVip, List<SoakRouter> routers) {
        this.wire = wire;
        this.pingsByVip = pingsByVip;
        this.routers = routers;
        this.nameByMac = new LinkedHashMap<>();
        routers.forEach(router -> nameByMac.put(router.node().mac(), router.name()));
    }

    List<SoakCheck> checks() {
        return checks;
    }

    List<Takeover> takeovers() {
        return takeovers;
    }

    /** Judges every fault, each up to the start of the next one (the last up to {@code endMicros}). */
    void judge(List<SoakFault> faults, long endMicros) {
        for (int i = 0; i < faults.size(); i++) {
            SoakFault fault = faults.get(i);
            long windowEnd = i + 1 < faults.size() ? faults.get(i + 1).startMicros() : endMicros;
            for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
                judge(fault, vr, windowEnd);
                takeover(fault, vr, windowEnd);
            }
        }
    }

    private void judge(SoakFault fault, SoakVirtualRouter vr, long windowEnd) {
        int n = fault.number();
        long bound = vr.settleBound().toNanos() / 1000;
        long from = fault.healMicros() + bound;
        String where = vr.instance() + " after " + describe(fault) + ": ";
        if (from >= windowEnd) {
            checks.add(SoakCheck.fail(SoakInvariant.ONE_MASTER, n, where + "the next fault began "
                    + ms(windowEnd - fault.healMicros()) + " after the heal, before the bound of " + ms(bound)
                    + ": nothing could be judged"));
            return;
        }
        List<SoakWire.Advert> adverts = wire.adverts(vr.vrid(), from, windowEnd).stream()
                .filter(a -> a.priority() > 0).toList();
        Set<String> masters = new LinkedHashSet<>();
        adverts.forEach(a -> masters.add(a.mac()));
        long silence = longestSilence(adverts.stream().map(SoakWire.Advert::micros).toList(), from, windowEnd);
        long masterDown = vr.masterDownInterval().toNanos() / 1000;
        if (masters.size() == 1 && silence <= masterDown) {
            checks.add(SoakCheck.pass(SoakInvariant.ONE_MASTER, n));
        } else {
            checks.add(SoakCheck.fail(SoakInvariant.ONE_MASTER, n, where + masters.size() + " routers advertised "
                    + spans(adverts, fault.healMicros()) + " in the window from heal + " + ms(bound) + " to heal + "
                    + ms(windowEnd - fault.healMicros()) + (silence > masterDown ? ", no advert for " + ms(silence) : "")));
        }
        String rightful = routers.get(vr.rightfulMaster()).node().mac();
        Optional<String> master = masters.size() == 1 ? Optional.of(masters.iterator().next()) : Optional.empty();
        if (master.isPresent() && master.get().equals(rightful)) {
            checks.add(SoakCheck.pass(SoakInvariant.RIGHTFUL_MASTER, n));
        } else if (master.isPresent()) {
            checks.add(SoakCheck.fail(SoakInvariant.RIGHTFUL_MASTER, n, where + "the master is " + name(master.get())
                    + ", not " + name(rightful) + " (priority " + vr.priorities().get(vr.rightfulMaster()) + ")"));
        }
        if (fault.exemptVirtualRouter().filter(vr.instance()::equals).isPresent()) {
            return; // the fault itself holds this VIP back: its answers are not the routers' doing
        }
        judgeAnswers(n, where, vr, master, from, windowEnd);
        judgePings(n, where, vr, from, windowEnd, bound);
    }

    private void judgeAnswers(int n, String where, SoakVirtualRouter vr, Optional<String> master, long from, long to) {
        Map<Integer, Set<String>> macsBySeq = new LinkedHashMap<>();
        Map<Integer, Long> timeBySeq = new LinkedHashMap<>();
        Set<String> answering = new LinkedHashSet<>();
        for (SoakWire.Reply reply : wire.replies(vr.pinged(), from, to)) {
            macsBySeq.computeIfAbsent(reply.seq(), s -> new LinkedHashSet<>()).add(reply.mac());
            timeBySeq.putIfAbsent(reply.seq(), reply.micros());
            answering.add(reply.mac());
        }
        int split = 0;
        long firstSplit = 0;
        Set<String> splitMacs = Set.of();
        for (Map.Entry<Integer, Set<String>> seq : macsBySeq.entrySet()) {
            if (seq.getValue().size() > 1) {
                if (split++ == 0) {
                    firstSplit = timeBySeq.get(seq.getKey());
                    splitMacs = seq.getValue();
                }
            }
        }
        if (split > 0) {
            checks.add(SoakCheck.fail(SoakInvariant.ONE_MAC, n, where + vr.pinged() + ": " + split
                    + " requests answered by " + names(splitMacs) + " at once, the first " + ms(firstSplit - from)
                    + " into the window"));
        } else if (master.isPresent() && !answering.isEmpty() && !answering.equals(Set.of(master.get()))) {
            checks.add(SoakCheck.fail(SoakInvariant.ONE_MAC, n, where + vr.pinged() + " answered by "
                    + names(answering) + " while " + name(master.get()) + " advertised"));
        } else {
            checks.add(SoakCheck.pass(SoakInvariant.ONE_MAC, n));
        }
    }

    private void judgePings(int n, String where, SoakVirtualRouter vr, long from, long to, long bound) {
        List<PingLog.Reply> pings = pingsByVip.getOrDefault(vr.pinged(), List.of());
        List<PingLog.Reply> window = pings.subList(SoakWire.firstAtOrAfter(pings, from, PingLog.Reply::epochMicros),
                SoakWire.firstAtOrAfter(pings, to, PingLog.Reply::epochMicros));
        long silence = longestSilence(window.stream().map(PingLog.Reply::epochMicros).toList(), from, to);
        if (silence <= bound) {
            checks.add(SoakCheck.pass(SoakInvariant.VIP_ANSWERS, n));
        } else {
            checks.add(SoakCheck.fail(SoakInvariant.VIP_ANSWERS, n, where + vr.pinged() + " unanswered at the client"
                    + " for " + ms(silence) + " (" + window.size() + " replies in the " + ms(to - from) + " window)"));
        }
    }

    /**
     * The takeover during a fault, if the master at its start fell silent and another router took over:
     * from the old master's last advert to the first advert of another router. Preemptions (the old master
     * still advertising when the other began) are not takeovers.
     */
    private void takeover(SoakFault fault, SoakVirtualRouter vr, long windowEnd) {
        long interval = vr.advertInterval().toNanos() / 1000;
        List<SoakWire.Advert> before = wire.adverts(vr.vrid(), fault.startMicros() - 10 * interval, fault.startMicros())
                .stream().filter(a -> a.priority() > 0).toList();
        if (before.isEmpty()) {
            return;
        }
        String oldMaster = before.get(before.size() - 1).mac();
        long lastOld = before.get(before.size() - 1).micros();
        for (SoakWire.Advert advert : wire.adverts(vr.vrid(), fault.startMicros(), windowEnd)) {
            if (advert.priority() == 0) {
                continue;
            }
            if (advert.mac().equals(oldMaster)) {
                lastOld = advert.micros();
            } else {
                if (advert.micros() - lastOld > interval * 3 / 2) {
                    takeovers.add(new Takeover(vr.instance(), fault.number(), advert.micros() - lastOld));
                }
                return;
            }
        }
    }

    /** The longest stretch in [from, to) without one of {@code times} (sorted). */
    static long longestSilence(List<Long> times, long from, long to) {
        long longest = 0;
        long previous = from;
        for (long time : times) {
            longest = Math.max(longest, time - previous);
            previous = time;
        }
        return Math.max(longest, to - previous);
    }

    /** Each advertiser with its first and last advert, from the heal: {@code node2 +470..+512 ms}. */
    private String spans(List<SoakWire.Advert> adverts, long heal) {
        Map<String, long[]> span = new LinkedHashMap<>();
        for (SoakWire.Advert advert : adverts) {
            long[] firstLast = span.computeIfAbsent(advert.mac(), m -> new long[] {advert.micros(), advert.micros()});
            firstLast[1] = advert.micros();
        }
        List<String> parts = new ArrayList<>();
        span.forEach((mac, firstLast) -> parts.add(String.format(Locale.ROOT, "%s +%.0f..+%.0f ms", name(mac),
                (firstLast[0] - heal) / 1000.0, (firstLast[1] - heal) / 1000.0)));
        return "[" + String.join(", ", parts) + "]";
    }

    private String names(Set<String> macs) {
        List<String> names = new ArrayList<>();
        macs.forEach(mac -> names.add(name(mac)));
        return "[" + String.join(", ", names) + "]";
    }

    private String name(String mac) {
        return nameByMac.getOrDefault(mac, mac);
    }

    static String describe(SoakFault fault) {
        return (fault.planned() ? "fault " + fault.number() + " (" + fault.kind().label() + ")" : "recovery of fault "
                + fault.number()) + " on " + fault.target();
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.0f ms", micros / 1000.0);
    }
}
