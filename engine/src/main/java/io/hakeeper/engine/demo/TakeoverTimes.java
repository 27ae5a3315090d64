package io.hakeeper.engine.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two takeovers of a {@link TakeoverTrial} as its capture on the lab's switch shows them, each timed
 * from packet to packet on the wire, so that neither daemon's own account (its log, its clock) enters it.
 *
 * @param graceful             from the resigning master's priority-0 advert to the first advert with a
 *                             priority above 0 from another router: the backup's Skew_Time and what its
 *                             implementation adds
 * @param crash                from the crashed master's last advert to the first advert with
 *                             a priority above 0 from another router: the backup's Master_Down_Interval and
 *                             what its implementation adds
 * @param garpAfterCrashAdvert from the crash successor's first advert to the first gratuitous ARP for the VIP
 * @param problems             why a figure is missing, in words (a packet not seen, a crashed master that
 *                             said goodbye)
 */
record TakeoverTimes(Optional<Takeover> graceful, Optional<Takeover> crash, Optional<Long> garpAfterCrashAdvert,
        List<String> problems) {

    /** The longest advert interval the benchmark runs, 1 s: the crashed master spoke within it before the crash. */
    private static final long MAX_INTERVAL_MICROS = 1_000_000;

    /**
     * One takeover.
     *
     * @param micros from the event's packet to the successor's first advert
     * @param taker  the successor's address
     * @param cold   whether that advert was the first with a priority above 0 the successor ever sent in the
     *               capture: the first takeover of its daemon
     */
    record Takeover(long micros, String taker, boolean cold) {
    }

    /**
     * @param tcpdumpText  the capture as {@code tcpdump -r FILE -n -tt} prints it, from before the first router
     *                     started
     * @param resigning    the address of the master stopped gracefully
     * @param crashed      the address of the master crashed afterwards
     * @param crashMicros  when the crash began, on the capture's clock (the host's wall clock)
     */
    static TakeoverTimes measure(String tcpdumpText, String resigning, String crashed, long crashMicros, String vip) {
        List<WireLog.Advert> adverts = WireLog.adverts(tcpdumpText);
        List<String> problems = new ArrayList<>();

        Optional<WireLog.Advert> resignation = adverts.stream()
                .filter(a -> a.source().equals(resigning) && a.priority() == 0).findFirst();
        Optional<Takeover> graceful = Optional.empty();
        if (resignation.isEmpty()) {
            problems.add(resigning + " sent no priority-0 advert");
        } else {
            graceful = successor(adverts, resigning, resignation.get().epochMicros());
            if (graceful.isEmpty()) {
                problems.add("no router took over after " + resigning + " resigned");
            }
        }

        // the crash's timestamp is taken before the link goes down, which on a busy machine takes milliseconds:
        // an advert sent meanwhile is the crashed master's last, and the successor's timer runs from it
        Optional<WireLog.Advert> lastWords = adverts.stream().filter(a -> a.source().equals(crashed))
                .reduce((first, second) -> second);
        Optional<Takeover> crash = Optional.empty();
        Optional<Long> garp = Optional.empty();
        if (lastWords.isEmpty() || lastWords.get().epochMicros() < crashMicros - MAX_INTERVAL_MICROS) {
            problems.add(crashed + " sent no advert in the interval before its crash");
        } else if (lastWords.get().priority() == 0) {
            // a master that said goodbye resigned: not the silence this measures
            problems.add(crashed + " sent a priority-0 advert " + (lastWords.get().epochMicros() - crashMicros)
                    + " us after its crash");
        } else {
            crash = successor(adverts, crashed, lastWords.get().epochMicros());
            if (crash.isEmpty()) {
                problems.add("no router took over after " + crashed + " crashed");
            } else {
                long firstAdvert = lastWords.get().epochMicros() + crash.get().micros();
                garp = WireLog.firstGarpFor(WireLog.garps(tcpdumpText), vip, firstAdvert - 1)
                        .map(g -> g.epochMicros() - firstAdvert);
            }
        }
        return new TakeoverTimes(graceful, crash, garp, List.copyOf(problems));
    }

    /** The first advert after {@code fromMicros} with a priority above 0 from anyone but {@code leaving}. */
    private static Optional<Takeover> successor(List<WireLog.Advert> adverts, String leaving, long fromMicros) {
        return WireLog.firstAdvertAfter(adverts, leaving, fromMicros).map(next -> new Takeover(
                next.epochMicros() - fromMicros, next.source(),
                adverts.stream().noneMatch(a -> a.source().equals(next.source()) && a.priority() > 0
                        && a.epochMicros() < next.epochMicros())));
    }
}
