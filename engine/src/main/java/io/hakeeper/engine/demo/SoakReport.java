package io.hakeeper.engine.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The soak's closing table: faults by kind, checks per invariant, takeover times, every violation, the seed. */
final class SoakReport {

    private final PrintStream out;
    private final long seed;
    private final Duration length;
    private final List<SoakFault> faults;
    private final List<SoakCheck> checks;
    private final List<SoakJudge.Takeover> takeovers;
    private final String loadAverage;

    SoakReport(PrintStream out, long seed, Duration length, List<SoakFault> faults, List<SoakCheck> checks,
            List<SoakJudge.Takeover> takeovers, String loadAverage) {
        this.out = out;
        this.seed = seed;
        this.length = length;
        this.faults = faults;
        this.checks = checks;
        this.takeovers = takeovers;
        this.loadAverage = loadAverage;
    }

    /** @return the number of failed checks */
    int print() {
        out.println();
        Map<SoakFaultKind, Integer> byKind = Soak.countByKind(faults);
        long recoveries = faults.stream().filter(f -> !f.planned()).count();
        out.printf(Locale.ROOT, "%-28s %5s  %s%n", "fault", "count", "what, and when it counts as healed");
        for (SoakFaultKind kind : SoakFaultKind.values()) {
            out.printf(Locale.ROOT, "%-28s %5d  %s%n", kind.label(), byKind.getOrDefault(kind, 0), kind.description());
        }
        out.printf(Locale.ROOT, "%-28s %5d   (%d restarts by the soak after a daemon died or stopped answering)%n",
                "total", byKind.values().stream().mapToInt(Integer::intValue).sum(), recoveries);
        out.println();
        Map<SoakInvariant, int[]> tally = new EnumMap<>(SoakInvariant.class);
        for (SoakCheck check : checks) {
            tally.computeIfAbsent(check.invariant(), i -> new int[2])[check.passed() ? 0 : 1]++;
        }
        out.printf(Locale.ROOT, "%-82s %6s %6s  %s%n", "invariant", "passed", "failed", "judged from");
        for (SoakInvariant invariant : SoakInvariant.values()) {
            int[] counts = tally.getOrDefault(invariant, new int[2]);
            out.printf(Locale.ROOT, "%-82s %6d %6d  %s%n", invariant.text(), counts[0], counts[1], invariant.witness());
        }
        out.println();
        out.println("takeovers (the old master's last advert -> another router's first, on the switch), ms:");
        out.printf(Locale.ROOT, "  %-50s %5s %6s %7s %7s   %s%n", "virtual router", "count", "min", "median", "max",
                "Master_Down_Interval");
        for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
            List<Long> micros = takeovers.stream().filter(t -> t.instance().equals(vr.instance()))
                    .map(SoakJudge.Takeover::micros).toList();
            out.printf(Locale.ROOT, "  %-50s %5d %s   %d ms (lowest priority)%n", vr.label(), micros.size(),
                    Benchmark.summary(micros), vr.masterDownInterval().toMillis());
        }
        List<SoakCheck> failed = new ArrayList<>(checks.stream().filter(c -> !c.passed()).toList());
        out.println();
        if (failed.isEmpty()) {
            out.println("no invariant violated");
        } else {
            out.println(failed.size() + " violations:");
            failed.forEach(check -> out.println("  [" + check.invariant().name() + "] " + check.detail()));
        }
        out.printf(Locale.ROOT, "seed %d (load average at the end %s); replay: hakeeper-demo --soak %d --seed %d%n",
                seed, loadAverage, length.toMinutes(), seed);
        out.flush();
        return failed.size();
    }
}
